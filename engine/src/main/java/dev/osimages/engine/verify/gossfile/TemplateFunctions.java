package dev.osimages.engine.verify.gossfile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The functions a goss template can call, as goss v0.4 sets them up: Go's builtins, then Sprig's
 * text functions, then goss's own (mkSlice, getEnv, readFile, regexMatch, toUpper, toLower) over
 * them. Sprig functions this engine does not implement are named as such, so a suite that uses one
 * fails to load with a message saying why instead of rendering differently.
 */
final class TemplateFunctions {
  /**
   * Sprig v3's names this engine leaves out: dates and randomness (not reproducible), crypto and
   * certificate generation, network lookups, paths, semver, deep copies, JSON parsing.
   */
  private static final Set<String> SPRIG_LEFT_OUT =
      Set.of(
          "hello",
          "ago",
          "date",
          "dateInZone",
          "date_in_zone",
          "dateModify",
          "date_modify",
          "duration",
          "durationRound",
          "htmlDate",
          "htmlDateInZone",
          "mustDateModify",
          "mustToDate",
          "now",
          "toDate",
          "unixEpoch",
          "abbrev",
          "abbrevboth",
          "initials",
          "randAlphaNum",
          "randAlpha",
          "randAscii",
          "randNumeric",
          "swapcase",
          "shuffle",
          "snakecase",
          "camelcase",
          "kebabcase",
          "wrap",
          "wrapWith",
          "plural",
          "adler32sum",
          "toStrings",
          "randInt",
          "add1f",
          "addf",
          "subf",
          "divf",
          "mulf",
          "maxf",
          "minf",
          "round",
          "mustCompact",
          "fromJson",
          "toPrettyJson",
          "mustFromJson",
          "mustToJson",
          "mustToPrettyJson",
          "mustToRawJson",
          "deepCopy",
          "mustDeepCopy",
          "typeIsLike",
          "getHostByName",
          "base",
          "dir",
          "clean",
          "ext",
          "isAbs",
          "osBase",
          "osClean",
          "osDir",
          "osExt",
          "osIsAbs",
          "b32enc",
          "b32dec",
          "merge",
          "mergeOverwrite",
          "mustMerge",
          "mustMergeOverwrite",
          "mustAppend",
          "mustPrepend",
          "mustFirst",
          "mustRest",
          "mustLast",
          "mustInitial",
          "mustReverse",
          "mustUniq",
          "mustWithout",
          "mustHas",
          "mustSlice",
          "dig",
          "chunk",
          "mustChunk",
          "bcrypt",
          "htpasswd",
          "genPrivateKey",
          "derivePassword",
          "buildCustomCert",
          "genCA",
          "genCAWithKey",
          "genSelfSignedCert",
          "genSelfSignedCertWithKey",
          "genSignedCert",
          "genSignedCertWithKey",
          "encryptAES",
          "decryptAES",
          "randBytes",
          "uuidv4",
          "semver",
          "semverCompare",
          "mustRegexMatch",
          "mustRegexFindAll",
          "mustRegexFind",
          "mustRegexReplaceAll",
          "mustRegexReplaceAllLiteral",
          "mustRegexSplit",
          "urlParse",
          "urlJoin",
          "unset");

  private final Map<String, TemplateFunction> functions;

  private TemplateFunctions(Map<String, TemplateFunction> functions) {
    this.functions = functions;
  }

  /**
   * goss's function map. {@code env} is the suite's .Env (getEnv, env and expandenv read it);
   * {@code files} serves readFile's absolute paths; relative ones are read under {@code suiteDir}.
   */
  static TemplateFunctions goss(Map<String, String> env, ImageFiles files, Path suiteDir) {
    Map<String, TemplateFunction> f = new HashMap<>();
    GoBuiltins.register(f);
    SprigStrings.register(f);
    SprigCollections.register(f);
    SprigValues.register(f, env);
    GossFunctions.register(f, env, files, suiteDir);
    return new TemplateFunctions(Map.copyOf(f));
  }

  /** goss's function map without image files or a suite directory (tests, vars files). */
  static TemplateFunctions goss(Map<String, String> env, ImageFiles files) {
    return goss(env, files, null);
  }

  /** The function of this name (the parser has checked that it exists). */
  TemplateFunction get(String name) {
    return functions.get(name);
  }

  /** Why a name cannot be called, or null when it can. */
  String undefined(String name) {
    if (functions.containsKey(name) || name.equals("and") || name.equals("or")) {
      return null;
    }
    if (SPRIG_LEFT_OUT.contains(name)) {
      return "function \""
          + name
          + "\" is a Sprig function goss provides but this engine does not implement";
    }
    return "function \"" + name + "\" not defined";
  }
}
