package dev.osimages.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class NetworkPolicyTest {
  private static final SourcePosition TOP = new SourcePosition("images.yaml", 3, 12);
  private static final SourcePosition VERSION = new SourcePosition("images.yaml", 20, 18);

  @Test
  void unset_givesDefaultNetwork_andRefusesHost() {
    assertThat(NetworkPolicy.UNSET.mode()).isEqualTo(NetworkMode.DEFAULT);
    assertThat(NetworkPolicy.UNSET.hostAllowed()).isFalse();
  }

  @Test
  void over_moreSpecificLevelWinsFieldByField_andKeepsThePositionOfTheMode() {
    NetworkPolicy top = new NetworkPolicy(Optional.of(NetworkMode.NONE), Optional.of(true), TOP);
    NetworkPolicy version =
        new NetworkPolicy(Optional.of(NetworkMode.HOST), Optional.empty(), VERSION);
    NetworkPolicy merged = version.over(NetworkPolicy.UNSET).over(top);
    assertThat(merged.mode()).isEqualTo(NetworkMode.HOST);
    assertThat(merged.hostAllowed()).isTrue();
    assertThat(merged.position()).isEqualTo(VERSION);
    NetworkPolicy onlyAllow = new NetworkPolicy(Optional.empty(), Optional.of(false), VERSION);
    assertThat(onlyAllow.over(top).mode()).isEqualTo(NetworkMode.NONE);
    assertThat(onlyAllow.over(top).hostAllowed()).isFalse();
    assertThat(onlyAllow.over(top).position()).isEqualTo(TOP);
  }

  @Test
  void effective_flagDefaultMeansTheBuildsDefault_asInBuildKit() {
    NetworkPolicy none = new NetworkPolicy(Optional.of(NetworkMode.NONE), Optional.empty(), TOP);
    assertThat(none.effective(Optional.empty())).isEqualTo(NetworkMode.NONE);
    assertThat(none.effective(Optional.of(NetworkMode.DEFAULT))).isEqualTo(NetworkMode.NONE);
    assertThat(none.effective(Optional.of(NetworkMode.HOST))).isEqualTo(NetworkMode.HOST);
    assertThat(NetworkPolicy.UNSET.effective(Optional.of(NetworkMode.NONE)))
        .isEqualTo(NetworkMode.NONE);
  }

  @Test
  void allowingHost_grantsOnlyWhenAsked() {
    assertThat(NetworkPolicy.UNSET.allowingHost(false).hostAllowed()).isFalse();
    assertThat(NetworkPolicy.UNSET.allowingHost(true).hostAllowed()).isTrue();
  }
}
