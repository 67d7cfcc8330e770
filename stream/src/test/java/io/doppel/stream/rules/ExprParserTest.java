package io.doppel.stream.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.doppel.twin.DoppelException;
import io.doppel.twin.ErrorCode;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ExprParserTest {
  /** Literals only: no twin behind the expression. */
  private static final Scope NOTHING = new Scope() {
    @Override
    public @Nullable Object read(Expr.Source source, List<String> path) {
      return null;
    }

    @Override
    public @Nullable Object any(List<String> path) {
      return null;
    }

    @Override
    public List<Scope> neighbours(Expr.Direction direction, String name) {
      return List.of();
    }
  };

  private static @Nullable Object eval(String text) {
    return Evaluator.eval(ExprParser.parse("expression", text), NOTHING);
  }

  @Test
  void anomalyTakesOneNameAndAPropertyCalledAnomalyStillReads() {
    assertThat(ExprParser.parse("condition", "anomaly(thermostat.temperature) >= 0.5"))
        .isInstanceOfSatisfying(Expr.Binary.class, b -> assertThat(b.left()).isInstanceOfSatisfying(Expr.Anomaly.class,
            a -> assertThat(((Expr.Path) a.target()).segments()).containsExactly("thermostat", "temperature")));
    assertThat(ExprParser.parse("condition", "anomaly > 1")).isInstanceOfSatisfying(Expr.Binary.class,
        b -> assertThat(b.left()).isInstanceOf(Expr.Path.class));
    assertThat(eval("anomaly(x) > 0.5")).isNull(); // no score is unknown, as missing data is
  }

  @Test
  void bindsTighterOperatorsFirst() {
    assertThat(eval("1 + 2 * 3")).isEqualTo(7.0);
    assertThat(eval("(1 + 2) * 3")).isEqualTo(9.0);
    assertThat(eval("10 - 4 - 3")).isEqualTo(3.0);
    assertThat(eval("2 * 3 > 5 and 1 == 2 or true")).isEqualTo(true);
    assertThat(eval("not 1 > 2 and false")).isEqualTo(false);
    assertThat(eval("-2 * -3")).isEqualTo(6.0);
    assertThat(eval("7 % 4 = 3")).isEqualTo(true);
    assertThat(eval("'a' + 'b' == \"ab\"")).isEqualTo(true);
    assertThat(eval("1e3 >= 1000 AND 'b' > 'a'")).isEqualTo(true);
  }

  @Test
  void missingValuesSpreadExceptWhereAndOrDecide() {
    assertThat(eval("missing > 3")).isNull();
    assertThat(eval("missing > 3 or true")).isEqualTo(true);
    assertThat(eval("false and missing > 3")).isEqualTo(false);
    assertThat(eval("1 / 0")).isNull();
    assertThat(eval("avg(rel('contains').t)")).isNull();
    assertThat(eval("count(rel('contains'))")).isEqualTo(0.0);
    assertThat(eval("sum(rel_in('feeds').t)")).isEqualTo(0.0);
  }

  @Test
  void parsesPathsAndAggregates() {
    Expr e = ExprParser.parse("expression", "avg(rel('contains').thermostat.setPoint) - offset.value");
    assertThat(e).isInstanceOfSatisfying(Expr.Binary.class, b -> {
      assertThat(b.left()).isInstanceOfSatisfying(Expr.Aggregate.class, a -> {
        assertThat(a.fn()).isEqualTo(Expr.AggregateFn.AVG);
        assertThat(a.neighbours()).isEqualTo(new Expr.Neighbours(Expr.Direction.OUT, "contains", 4));
        assertThat(a.path().segments()).containsExactly("thermostat", "setPoint");
      });
      assertThat(b.right()).isEqualTo(new Expr.Path(List.of("offset", "value"), 43));
    });
    assertThat(ExprParser.parse("e", "count + 1")).isInstanceOf(Expr.Binary.class); // a name, not a function
  }

  @Test
  void errorsGiveTheLineAndColumn() {
    assertError("temperature > ", "1:15", "expected a value");
    assertError("temperature >> 3", "1:14", "expected a value");
    assertError("a < b < c", "1:7", "do not chain");
    assertError("avg(rel('x'))", "1:13", "needs a value of the neighbours");
    assertError("avg(rel(x).t)", "1:9", "relationship name in quotes");
    assertError("foo(1)", "1:1", "unknown function");
    assertError("rel('x').t > 1", "1:1", "aggregate them");
    assertError("'open", "1:1", "not closed");
    assertError("a > 1 #", "1:7", "unexpected character '#'");
    assertError("(a > 1", "1:7", "expected ')'");
    assertError("a > 1\n  and b >", "2:10", "expected a value");
    assertError("3x", "1:2", "runs into a name");
    assertError("a.and", "1:3", "keyword");
  }

  @Test
  void refusesEmptyAndOverlongAndOverdeepExpressions() {
    assertThatThrownBy(() -> ExprParser.parse("condition", " ")).isInstanceOfSatisfying(DoppelException.class,
        e -> assertThat(e.details().get(0).target()).isEqualTo("condition"));
    assertThatThrownBy(() -> ExprParser.parse("e", "1+".repeat(3000) + "1")).hasMessageContaining("at most");
    assertThatThrownBy(() -> ExprParser.parse("e", "(".repeat(100) + "1" + ")".repeat(100)))
        .hasMessageContaining("nested more than");
  }

  @Property(tries = 200)
  void arithmeticAgreesWithJava(@ForAll @IntRange(min = -1000, max = 1000) int a,
      @ForAll @IntRange(min = -1000, max = 1000) int b, @ForAll @IntRange(min = 1, max = 1000) int c) {
    assertThat(eval(a + " - " + b + " * " + c + " + " + a + " / " + c))
        .isEqualTo(a - (double) b * c + (double) a / c);
    assertThat(eval("(" + a + " - " + b + ") * -" + c)).isEqualTo(((double) a - b) * -c);
    assertThat(eval(a + " < " + b + " or " + b + " <= " + c)).isEqualTo(a < b || b <= c);
  }

  @Property(tries = 500)
  void anyTextEitherParsesOrIsRefusedWithAPosition(@ForAll String text) {
    try {
      ExprParser.parse("expression", text);
    } catch (DoppelException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.RULE_INVALID);
      assertThat(e.details()).singleElement().satisfies(d -> assertThat(d.target()).isEqualTo("expression"));
    }
  }

  private static void assertError(String text, String where, String message) {
    assertThatThrownBy(() -> ExprParser.parse("condition", text)).isInstanceOfSatisfying(DoppelException.class,
        e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.RULE_INVALID);
          assertThat(e.getMessage()).startsWith("condition at " + where + ": ").contains(message);
          assertThat(e.details().get(0).target()).isEqualTo("condition");
          assertThat(e.details().get(0).message()).startsWith(where + ": ");
        });
  }
}
