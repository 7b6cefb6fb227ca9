package dev.osimages.engine.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.osimages.engine.model.Problem;
import java.util.ArrayList;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
  private static final String MINIMAL =
      "output: {root: out}\n"
          + "distros:\n"
          + "  debian:\n"
          + "    packageManager: dpkg\n"
          + "    template: t\n"
          + "    versions:\n"
          + "      \"13\": {base: {image: \"debian:13\"}}\n";

  private static List<String> check(String yaml) {
    return SchemaValidator.validate(YamlLoader.load(yaml, "f.yaml"), "f.yaml").stream()
        .sorted()
        .map(Problem::format)
        .toList();
  }

  @Test
  void validate_minimalDeclaration_passes() {
    assertThat(check(MINIMAL)).isEmpty();
  }

  @Test
  void validate_imageReferences_withRegistryPortAndDigest() {
    String digest = "@sha256:" + "ab".repeat(32);
    for (String ok : List.of("almalinux:9", "localhost:5000/os/alma:9.4", "quay.io/a/b" + digest)) {
      assertThat(check(MINIMAL.replace("debian:13", ok))).as(ok).isEmpty();
    }
    assertThat(check(MINIMAL.replace("debian:13", "Alma Linux")))
        .containsExactly(
            "f.yaml:7:28: distros.debian.versions.\"13\".base.image: 'Alma Linux' is not an image"
                + " reference like almalinux:9");
  }

  @Test
  void validate_unknownKey_placedAtTheKeyWithTheKnownOnes() {
    assertThat(check(MINIMAL + "hygiene: {cleanApt: true, cleanDocs: true}\n"))
        .containsExactly(
            "f.yaml:8:27: hygiene: unknown key 'cleanDocs' (expected one of: cleanApt)");
  }

  @Test
  void validate_misspeltKey_suggestsTheNearestName() {
    assertThat(check(MINIMAL + "varients: {}\n"))
        .containsExactly("f.yaml:8:1: unknown key 'varients' (did you mean 'variants'?)");
  }

  @Test
  void validate_numberWhereStringExpected_saysQuoteIt() {
    assertThat(check(MINIMAL + "args: {KERNEL_SERIES: 6.10, ON: on, OFF: false}\n"))
        .containsExactly(
            "f.yaml:8:23: args.KERNEL_SERIES: expected a string, found the number 6.10; quote it:"
                + " \"6.10\"",
            "f.yaml:8:42: args.OFF: expected a string, found the boolean false; quote it:"
                + " \"false\"");
  }

  @Test
  void validate_wrongTypeAndEnum_reportedOnce() {
    assertThat(check(MINIMAL.replace("packageManager: dpkg", "packageManager: 5")))
        .containsExactly(
            "f.yaml:4:21: distros.debian.packageManager: expected a string, found the number 5;"
                + " quote it: \"5\"");
  }

  @Test
  void validate_badBase_saysWhichKindsExist() {
    assertThat(check(MINIMAL.replace("{image: \"debian:13\"}", "{image: a, cell: b/1}")))
        .containsExactly(
            "f.yaml:7:14: distros.debian.versions.\"13\".base: expected exactly one of:"
                + " bootstrap, cell, image");
  }

  @Test
  void validate_badKeyName_placedAtTheKey() {
    assertThat(
            check(
                MINIMAL
                    + "variants:\n  Firewall: {version: '1', bases: [debian/13], template: t}\n"))
        .containsExactly(
            "f.yaml:9:3: variants: 'Firewall' is not a lowercase name like debian or"
                + " debian-nvidia");
  }

  @Test
  void schema_everyPropertyHasADescription_andRecordsAllowNoOtherKeys() {
    JSONObject schema = new JSONObject(SchemaValidator.schemaText());
    List<String> missing = new ArrayList<>();
    walk(schema, "#", missing);
    assertThat(missing).isEmpty();
  }

  private static void walk(Object node, String where, List<String> missing) {
    if (node instanceof JSONArray arr) {
      for (int i = 0; i < arr.length(); i++) {
        walk(arr.get(i), where + "/" + i, missing);
      }
      return;
    }
    if (!(node instanceof JSONObject obj)) {
      return;
    }
    JSONObject props = obj.optJSONObject("properties");
    if (props != null) {
      if (!Boolean.FALSE.equals(obj.opt("additionalProperties"))) {
        missing.add(where + ": additionalProperties is not false");
      }
      for (String key : props.keySet()) {
        JSONObject p = props.getJSONObject(key);
        if (!p.has("description")) {
          missing.add(where + "/properties/" + key + ": no description");
        }
      }
    }
    for (String key : obj.keySet()) {
      walk(obj.get(key), where + "/" + key, missing);
    }
  }
}
