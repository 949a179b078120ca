package io.warren.core.driver;

import io.warren.core.example.Example;
import io.warren.core.learn.SharedData;
import io.warren.core.output.ProgressTable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Reporting for a multiclass prediction on a single line (VW's update_stats / output_example_prediction
 * / print_update for multiclass labels, used by cbify): the loss is the example's weight when the
 * predicted class is not the label, the prediction file gets the class number (and the tag), the
 * progress row shows label and prediction as integers.
 */
final class MulticlassReport implements ExampleReport {
    private final SharedData sd;
    private final ProgressTable table;
    private final Writer predictions;
    private final boolean quiet;
    private final StringBuilder line = new StringBuilder(32);

    MulticlassReport(SharedData sd, ProgressTable table, Writer predictions, boolean quiet) {
        this.sd = sd;
        this.table = table;
        this.predictions = predictions;
        this.quiet = quiet;
    }

    @Override
    public void finish(List<Example> unit) throws IOException {
        Example ec = unit.get(0);
        boolean labeled = ec.multi.isLabeled();
        float loss = labeled && ec.multi.label != ec.predMulticlass ? ec.weight : 0f;
        sd.update(labeled, loss, ec.weight, ec.totalFeatures());
        if (predictions != null) {
            line.setLength(0);
            // VW writes the class as a float; a whole number prints without decimals.
            line.append((long) (float) Integer.toUnsignedLong(ec.predMulticlass));
            if (ec.tagLength > 0) {
                line.append(' ').append(ec.tagString());
            }
            line.append('\n');
            predictions.append(line);
        }
        if (!quiet && table.due()) {
            table.row(ec.multi.display(), Integer.toUnsignedString(ec.predMulticlass), ec.totalFeatures());
        }
    }
}
