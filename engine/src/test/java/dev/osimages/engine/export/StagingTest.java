package dev.osimages.engine.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.host.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {
  @TempDir Path tmp;

  @Test
  void create_namesTheParentsItMade_deepestFirst() throws Exception {
    Files.createDirectories(tmp.resolve("store"));
    Staging.Area a = Staging.create(tmp.resolve("store/stable/debian/13"));
    assertThat(a.dir().getParent()).isEqualTo(tmp.resolve("store/stable/debian"));
    assertThat(a.createdParents())
        .containsExactly(tmp.resolve("store/stable/debian"), tmp.resolve("store/stable"));
    assertThat(Staging.create(tmp.resolve("store/stable/debian/12")).createdParents()).isEmpty();
  }

  @Test
  void removeEmptyParents_stopsAtTheFirstThatHoldsSomethingElse() throws Exception {
    Staging.Area a = Staging.create(tmp.resolve("store/stable/debian/13"));
    Files.createDirectories(tmp.resolve("store/stable/ubuntu/24.04"));
    Trees.delete(a.dir());
    Staging.removeEmptyParents(a.createdParents());
    assertThat(tmp.resolve("store/stable/debian")).doesNotExist();
    assertThat(tmp.resolve("store/stable/ubuntu/24.04")).isDirectory();
  }
}
