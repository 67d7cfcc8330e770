package io.doppel.arch;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.Arrays;

/**
 * The architecture rules, kept apart from the test that applies them to the real jars so that a second test can
 * apply the same rules to deliberately broken fixture classes and prove each one can fail.
 */
final class DoppelRules {
  /** The feature modules that sit between the twin engine and the server; they may use one another. */
  static final String[] FEATURES = {
    "io.doppel.query..", "io.doppel.history..", "io.doppel.ingest..", "io.doppel.stream..",
    "io.doppel.sim..", "io.doppel.predict..", "io.doppel.analyze.."
  };

  /**
   * The storage SPIs of feature modules: like the twin engine's {@code io.doppel.twin.spi}, a storage backend may
   * implement them without seeing the feature's internals.
   */
  static final String[] FEATURE_SPIS = {"io.doppel.history.spi..", "io.doppel.ingest.spi..",
      "io.doppel.stream.spi..", "io.doppel.query.spi.."};

  /**
   * {@code model ← twin ← {features} ← server ← cli}, and the demo generator beside the server for cli; storage implementations sit beside the features and see only
   * twin, model and the features' SPIs; bench may use anything and nothing uses it. Layers may be empty: modules
   * arrive one by one.
   */
  static final ArchRule MODULES_DEPEND_ONE_WAY = layeredArchitecture()
      .consideringOnlyDependenciesInAnyPackage("io.doppel..")
      .withOptionalLayers(true)
      .layer("Model").definedBy("io.doppel.model..")
      .layer("Twin").definedBy("io.doppel.twin..")
      .layer("FeatureSpis").definedBy(FEATURE_SPIS)
      .layer("Features").definedBy(resideInAnyPackage(FEATURES).and(not(resideInAnyPackage(FEATURE_SPIS))))
      .layer("Store").definedBy("io.doppel.store..")
      .layer("Examples").definedBy("io.doppel.examples..")
      .layer("Server").definedBy("io.doppel.server..")
      .layer("Generator").definedBy("io.doppel.generator..")
      .layer("Cli").definedBy("io.doppel.cli..")
      .layer("Bench").definedBy("io.doppel.bench..")
      .whereLayer("Model").mayNotAccessAnyLayer()
      .whereLayer("Twin").mayOnlyAccessLayers("Model")
      .whereLayer("FeatureSpis").mayOnlyAccessLayers("Model", "Twin")
      .whereLayer("Features").mayOnlyAccessLayers("Model", "Twin", "FeatureSpis")
      .whereLayer("Store").mayOnlyAccessLayers("Model", "Twin", "FeatureSpis")
      .whereLayer("Examples").mayOnlyAccessLayers("Model")
      .whereLayer("Server").mayOnlyAccessLayers("Model", "Twin", "FeatureSpis", "Features", "Store", "Examples")
      // The generator is a client: it reads the example packs and speaks HTTP and MQTT, like a user's devices.
      .whereLayer("Generator").mayOnlyAccessLayers("Examples")
      .whereLayer("Cli").mayOnlyAccessLayers(
          "Model", "Twin", "FeatureSpis", "Features", "Store", "Examples", "Server", "Generator")
      .whereLayer("Cli").mayOnlyBeAccessedByLayers("Bench")
      .whereLayer("Bench").mayNotBeAccessedByAnyLayer()
      .because("dependencies point one way: model ← twin ← features ← server ← cli (docs/architecture.md)");

  /** Every Doppel class lives in a module's package, so no class escapes the layer rule by living elsewhere. */
  static final ArchRule EVERY_CLASS_BELONGS_TO_A_MODULE = classes().that().resideInAPackage("io.doppel..")
      .should().resideInAnyPackage(concat(FEATURES,
          "io.doppel.model..", "io.doppel.twin..", "io.doppel.store..", "io.doppel.examples..", "io.doppel.server..",
          "io.doppel.generator..", "io.doppel.cli..", "io.doppel.bench.."))
      .because("a new module must be added to the layer rule before its first class");

  static final ArchRule MODEL_DEPENDS_ON_NO_OTHER_DOPPEL_PACKAGE = noClasses()
      .that().resideInAPackage("io.doppel.model..")
      .should().dependOnClassesThat(resideInAPackage("io.doppel..").and(not(resideInAPackage("io.doppel.model.."))))
      .because("the model is the root of the graph and reads nothing but JSON");

  static final ArchRule TWIN_DEPENDS_ONLY_ON_MODEL = noClasses()
      .that().resideInAPackage("io.doppel.twin..")
      .should().dependOnClassesThat(resideInAPackage("io.doppel..")
          .and(not(resideInAPackage("io.doppel.twin..")))
          .and(not(resideInAPackage("io.doppel.model.."))));

  static final ArchRule STORES_SEE_ONLY_TWIN_AND_MODEL = noClasses()
      .that().resideInAPackage("io.doppel.store..")
      .should().dependOnClassesThat(resideInAPackage("io.doppel..")
          .and(not(resideInAPackage("io.doppel.store..")))
          .and(not(resideInAPackage("io.doppel.twin..")))
          .and(not(resideInAPackage("io.doppel.model..")))
          .and(not(resideInAnyPackage(FEATURE_SPIS))))
      .because("a storage backend implements the twin engine's and the features' SPIs and nothing else");

  static final ArchRule ONLY_CLI_AND_BENCH_USE_STANDARD_STREAMS = noClasses()
      .that().resideOutsideOfPackages("io.doppel.cli..", "io.doppel.bench..")
      .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
      .because("everything but the command line logs through SLF4J");

  static final ArchRule NO_IMPL_CLASSES = noClasses()
      .that().resideInAPackage("io.doppel..")
      .should().haveSimpleNameEndingWith("Impl")
      .because("no Foo/FooImpl pairs: name the implementation for what makes it different");

  /**
   * No cycles between packages. The one exception is the error vocabulary every layer throws
   * ({@link DoppelException}, {@link ErrorCode}): it lives in {@code io.doppel.twin} by decision, so a subpackage
   * that throws it would otherwise close a cycle with its parent. Any other dependency back up still fails.
   */
  static final ArchRule NO_PACKAGE_CYCLES = slices()
      .matching("io.doppel.(**)")
      .should().beFreeOfCycles()
      .ignoreDependency(alwaysTrue(), belongToAnyOf(DoppelException.class, ErrorCode.class));

  private DoppelRules() {}

  private static String[] concat(String[] head, String... tail) {
    String[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
