package dev.osimages.engine.run;

import dev.osimages.engine.export.ExportOptions;
import dev.osimages.engine.model.Cell;
import dev.osimages.engine.model.Output;
import java.util.OptionalLong;

/**
 * How a cell is exported: the declaration's compression settings, the cell's package manager, the
 * run's threads and SOURCE_DATE_EPOCH (or the environment's, when the run has none). One place, so
 * a rebuild check exports exactly as a run does.
 */
final class ExportSettings {
  private ExportSettings() {}

  static ExportOptions of(Output output, Cell cell, int threads, OptionalLong epoch) {
    ExportOptions defaults = ExportOptions.defaults();
    return defaults
        .withSourceDateEpoch(epoch.isPresent() ? epoch : defaults.sourceDateEpoch())
        .withLevel(output.compressionLevel())
        .withHcMinSaving(output.hcMinSaving())
        .withThreads(threads)
        .withPackageManager(cell.packageManager());
  }
}
