package dev.osimages.engine.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Channel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {
  private final DependencyGraph graph =
      new DependencyGraph(
          new MatrixExpander(Declarations.sample(Path.of("/d")), Map.of(), Channel.STABLE)
              .expand());

  private static List<String> ids(List<Cell> cells) {
    return cells.stream().map(Cell::id).toList();
  }

  @Test
  void ordered_putsBasesBeforeDerivedCellsDeterministically() {
    List<String> order = ids(graph.ordered());
    assertThat(order.indexOf("debian/13")).isLessThan(order.indexOf("firewall/3.0-debian"));
    assertThat(order.indexOf("firewall/3.0-debian"))
        .isLessThan(order.indexOf("hardened/3.0-debian"));
    assertThat(order.indexOf("almalinux/9")).isLessThan(order.indexOf("firewall/3.0-almalinux"));
    assertThat(ids(graph.ordered())).isEqualTo(order);
  }

  @Test
  void closure_pullsInEveryBaseOfTheSelection() {
    assertThat(ids(graph.closure(Selection.of(List.of("hardened/*"), List.of()))))
        .containsExactly("debian/13", "firewall/3.0-debian", "hardened/3.0-debian");
  }

  @Test
  void closure_exceptRemovesOnlyTheNamedSelection() {
    assertThat(ids(graph.closure(Selection.of(List.of("debian/*"), List.of("debian/12")))))
        .containsExactly("debian/13");
  }

  @Test
  void dependents_areTransitive() {
    assertThat(graph.dependents("debian/13"))
        .containsExactly("firewall/3.0-debian", "hardened/3.0-debian");
    assertThat(graph.dependents("debian/12")).isEmpty();
  }
}
