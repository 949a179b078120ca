package io.warren.core.driver;

import io.warren.core.example.Example;
import io.warren.core.reductions.CbToCbAdf;
import java.io.IOException;
import java.util.List;

/**
 * Reporting for {@code --cb} / {@code --cb_explore}: as in VW, cb_to_cbadf hands its line's prediction
 * to the action examples it built and lets the ADF reduction below report on those, so the statistics,
 * prediction line and progress row are cb_adf's (or the explore reduction's).
 */
final class CbToAdfReport implements ExampleReport {
    private final CbToCbAdf reduction;
    private final AdfReport adf;

    CbToAdfReport(CbToCbAdf reduction, AdfReport adf) {
        this.reduction = reduction;
        this.adf = adf;
    }

    @Override
    public void finish(List<Example> unit) throws IOException {
        reduction.syncPrediction(unit.get(0));
        adf.finish(reduction.actionExamples());
    }
}
