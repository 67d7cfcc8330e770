package io.doppel.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates every rule against the deliberately broken classes in the test sources' {@code *.archfixture}
 * packages: a rule that cannot fail would make {@link ModuleDependenciesTest} meaningless.
 */
class RulesCanFailTest {
  private static JavaClasses fixtures;

  @BeforeAll
  static void importFixtures() {
    fixtures = new ClassFileImporter().importPackages(
        "io.doppel.model.archfixture", "io.doppel.twin.archfixture", "io.doppel.server.archfixture",
        "io.doppel.store.archfixture", "io.doppel.bench.archfixture", "io.doppel.stray.archfixture",
        "io.doppel.history.archfixture");
  }

  @Test
  void layerRuleCatchesEveryWrongWayDependency() {
    assertThat(violations(DoppelRules.MODULES_DEPEND_ONE_WAY))
        .contains("ModelReachingUp", "TwinReachingUp", "StoreReachingUp", "BenchTool", "StoreReachingIntoHistory");
  }

  @Test
  void moduleRuleCatchesAClassOutsideEveryModule() {
    assertThat(violations(DoppelRules.EVERY_CLASS_BELONGS_TO_A_MODULE)).contains("StrayClass");
  }

  @Test
  void modelRuleCatchesTheModelUsingTheTwinLayer() {
    assertThat(violations(DoppelRules.MODEL_DEPENDS_ON_NO_OTHER_DOPPEL_PACKAGE)).contains("ModelReachingUp");
  }

  @Test
  void twinRuleCatchesTheTwinUsingTheServer() {
    assertThat(violations(DoppelRules.TWIN_DEPENDS_ONLY_ON_MODEL)).contains("TwinReachingUp");
  }

  @Test
  void storeRuleCatchesAStoreUsingTheServer() {
    assertThat(violations(DoppelRules.STORES_SEE_ONLY_TWIN_AND_MODEL))
        .contains("StoreReachingUp", "StoreReachingIntoHistory");
  }

  @Test
  void streamRuleCatchesPrintingOutsideTheCli() {
    assertThat(violations(DoppelRules.ONLY_CLI_AND_BENCH_USE_STANDARD_STREAMS)).contains("System.out");
  }

  @Test
  void implRuleCatchesAnImplClass() {
    assertThat(violations(DoppelRules.NO_IMPL_CLASSES)).contains("LoudServerImpl");
  }

  @Test
  void cycleRuleCatchesTheModelTwinServerCycle() {
    assertThat(violations(DoppelRules.NO_PACKAGE_CYCLES)).contains("Cycle");
  }

  private static String violations(ArchRule rule) {
    EvaluationResult result = rule.evaluate(fixtures);
    assertThat(result.hasViolation()).as("%s has a violation", rule.getDescription()).isTrue();
    return String.join("\n", result.getFailureReport().getDetails());
  }
}
