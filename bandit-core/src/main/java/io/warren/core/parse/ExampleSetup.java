package io.warren.core.parse;

import io.warren.core.example.Example;
import io.warren.core.example.Features;
import io.warren.core.example.Namespaces;

/**
 * What VW does to every parsed example before learning (setup_example): label-derived test flag and
 * weight, namespace filters, n-grams, the constant feature, and scaling every index by the number of
 * weights per feature (models times stride) so each feature owns a contiguous block of weights.
 */
public final class ExampleSetup {
    private final LabelParser labelParser;
    private final boolean[] ignore;
    private final boolean anyIgnored;
    private final NgramTransformer ngrams;
    private final boolean addConstant;
    private final long multiplier;
    private final int[][] interactions;
    private final boolean permutations;
    private final boolean audit;

    public ExampleSetup(LabelParser labelParser, boolean[] ignore, NgramTransformer ngrams, boolean addConstant,
                        long multiplier, int[][] interactions, boolean permutations, boolean audit) {
        this.labelParser = labelParser;
        this.ignore = ignore;
        boolean any = false;
        for (boolean b : ignore) {
            any |= b;
        }
        this.anyIgnored = any;
        this.ngrams = ngrams != null && ngrams.active() ? ngrams : null;
        this.addConstant = addConstant;
        this.multiplier = multiplier;
        this.interactions = interactions;
        this.permutations = permutations;
        this.audit = audit;
    }

    public void setup(Example ec) {
        ec.testOnly = labelParser.isTest(ec);
        ec.weight = labelParser.weight(ec);
        if (anyIgnored) {
            int kept = 0;
            for (int i = 0; i < ec.numIndices; i++) {
                int ns = ec.indices[i];
                if (ignore[ns]) {
                    ec.featureSpace[ns].clear();
                } else {
                    ec.indices[kept++] = ns;
                }
            }
            ec.numIndices = kept;
        }
        if (ngrams != null) {
            ngrams.apply(ec);
        }
        if (addConstant) {
            ec.addIndex(Namespaces.CONSTANT);
            Features constant = ec.features(Namespaces.CONSTANT);
            if (audit) {
                constant.enableAudit();
            }
            constant.push(1f, Namespaces.CONSTANT_FEATURE, "Constant");
        }
        long total = 0;
        for (int i = 0; i < ec.numIndices; i++) {
            Features fs = ec.featureSpace[ec.indices[i]];
            if (multiplier != 1) {
                for (int j = 0; j < fs.size; j++) {
                    fs.indices[j] *= multiplier;
                }
            }
            total += fs.size;
        }
        ec.numFeatures = total;
        ec.interactions = interactions;
        ec.permutations = permutations;
    }
}
