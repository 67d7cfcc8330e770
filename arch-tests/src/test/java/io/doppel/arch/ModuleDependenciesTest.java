package io.doppel.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Applies {@link DoppelRules} to the production classes of every module (the jars arch-tests depends on). */
class ModuleDependenciesTest {
  private static JavaClasses doppel;

  @BeforeAll
  static void importProductionClasses() {
    doppel = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.doppel");
  }

  @Test
  void importSeesEveryInstalledModule() {
    // Guards against a vacuous pass: rules over an empty import would always hold.
    Set<String> modules = doppel.stream()
        .map(c -> c.getPackageName().replaceFirst("^io\\.doppel\\.?([^.]*).*$", "$1"))
        .collect(Collectors.toSet());
    assertThat(modules).contains("model", "twin", "history", "stream", "store", "server", "cli", "bench");
    assertThat(doppel.stream().map(JavaClass::getPackageName)).noneMatch(p -> p.contains("archfixture"));
  }

  @Test
  void modulesDependOneWay() {
    DoppelRules.MODULES_DEPEND_ONE_WAY.check(doppel);
  }

  @Test
  void everyClassBelongsToAModule() {
    DoppelRules.EVERY_CLASS_BELONGS_TO_A_MODULE.check(doppel);
  }

  @Test
  void modelDependsOnNoOtherDoppelPackage() {
    DoppelRules.MODEL_DEPENDS_ON_NO_OTHER_DOPPEL_PACKAGE.check(doppel);
  }

  @Test
  void twinDependsOnlyOnModel() {
    DoppelRules.TWIN_DEPENDS_ONLY_ON_MODEL.check(doppel);
  }

  @Test
  void storesSeeOnlyTwinAndModel() {
    DoppelRules.STORES_SEE_ONLY_TWIN_AND_MODEL.check(doppel);
  }

  @Test
  void onlyCliAndBenchUseStandardStreams() {
    DoppelRules.ONLY_CLI_AND_BENCH_USE_STANDARD_STREAMS.check(doppel);
  }

  @Test
  void noClassIsNamedImpl() {
    DoppelRules.NO_IMPL_CLASSES.check(doppel);
  }

  @Test
  void packagesAreFreeOfCycles() {
    DoppelRules.NO_PACKAGE_CYCLES.check(doppel);
  }
}
