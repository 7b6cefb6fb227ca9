package dev.osimages.engine.verify.matcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Go's spellings of values. Every expected string here was printed by Go 1.19 for the same value:
 * {@code fmt.Printf("%v")} and {@code json.Marshal}.
 */
class GoValuesTest {
  private static final double[] FLOATS = {
    100000,
    1000000,
    123456.7,
    1234567.8,
    0.0001,
    0.00012345,
    1e-5,
    1e-7,
    1e20,
    1e21,
    2.5e-6,
    3,
    0,
    -0.5,
    1.7976931348623157e308,
    5e-324
  };

  @Test
  void floats_asFmtPercentV() {
    String[] go = {
      "100000", "1e+06", "123456.7", "1.2345678e+06", "0.0001", "0.00012345", "1e-05", "1e-07",
      "1e+20", "1e+21", "2.5e-06", "3", "0", "-0.5", "1.7976931348623157e+308", "5e-324"
    };
    for (int i = 0; i < FLOATS.length; i++) {
      assertThat(GoValues.format(FLOATS[i])).as("%s", FLOATS[i]).isEqualTo(go[i]);
    }
  }

  @Test
  void floats_asEncodingJson() {
    String[] go = {
      "100000",
      "1000000",
      "123456.7",
      "1234567.8",
      "0.0001",
      "0.00012345",
      "0.00001",
      "1e-7",
      "100000000000000000000",
      "1e+21",
      "0.0000025",
      "3",
      "0",
      "-0.5",
      "1.7976931348623157e+308",
      "5e-324"
    };
    for (int i = 0; i < FLOATS.length; i++) {
      assertThat(GoValues.jsonFloat(FLOATS[i])).as("%s", FLOATS[i]).isEqualTo(go[i]);
    }
  }

  @Test
  void listsMapsAndNil_asFmtPercentV() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1L);
    m.put("a", List.of("x"));
    assertThat(GoValues.format(List.of("a", 1L, List.of(2.5, true)))).isEqualTo("[a 1 [2.5 true]]");
    assertThat(GoValues.format(m)).isEqualTo("map[a:[x] z:1]");
    assertThat(GoValues.format(null)).isEqualTo("<nil>");
  }

  @Test
  void deepEqual_comparesNumbersByValue_andListsElementwise() {
    assertThat(GoValues.deepEqual(1L, 1.0)).isTrue();
    assertThat(GoValues.deepEqual(List.of(1L, "a"), List.of(1.0, "a"))).isTrue();
    assertThat(GoValues.deepEqual(List.of(1L), List.of(1L, 2L))).isFalse();
    assertThat(GoValues.deepEqual("1", 1L)).isFalse();
  }
}
