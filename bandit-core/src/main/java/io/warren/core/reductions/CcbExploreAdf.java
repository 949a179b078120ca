package io.warren.core.reductions;

import io.warren.core.example.ActionScores;
import io.warren.core.example.CbLabel;
import io.warren.core.example.CcbLabel;
import io.warren.core.example.DecisionScores;
import io.warren.core.example.Example;
import io.warren.core.example.Namespaces;
import io.warren.core.hash.FeatureHasher;
import io.warren.core.learn.MultiLearner;
import io.warren.core.model.ModelState;
import io.warren.core.parse.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * VW's ccb_explore_adf: a CCB example (shared line, action lines, slot lines) is decided slot by
 * slot, in order, each as a contextual-bandit example for the cb_explore_adf stack below: the shared
 * line carrying the slot's features (and, once multi-slot data has been seen, the slot-index
 * feature), followed by the actions the slot may take that no earlier slot took. When learning, the
 * slot's logged outcome becomes the CB label of its action. The action put first by cb_sample
 * below is excluded from later slots; each slot's PMF, with action ids mapped back to positions in
 * the CCB example, is kept in {@link #decisions()}. As in VW, slot k's label (outcome and included
 * actions) is read from line {@code 1 + actions + k}, which is that slot's own line when the lines
 * come in VW's order (shared, actions, slots).
 *
 * <p>Interactions: once a multi-slot example, or slot features, have been seen (unless
 * {@code --ccb_no_slot_index}), every example runs with {@link CcbSlotFeatures#withSlotIndex} of the
 * configured interactions, and that switch is saved with the model.
 */
public final class CcbExploreAdf extends MultiLearner {
    private static final String STATE_KEY = "ccb.has_seen_multi_slot_example";

    private final MultiLearner base;
    private final CcbSlotFeatures slotFeatures;
    private final boolean noPredict;
    private final boolean disableSlotIndex;
    private final int[][] interactions;
    private final int[][] slotInteractions;
    private int unlabeledLearnOnlySlots;
    private final Multiline multiline = new Multiline();
    private boolean hasSeenMultiSlot;

    private Example shared;
    private final List<Example> actions = new ArrayList<>();
    private final List<Example> slots = new ArrayList<>();
    private final List<Example> cbExample = new ArrayList<>();
    private boolean[] excluded = new boolean[16];
    private boolean[] included = new boolean[16];
    private int[] originIndex = new int[16];
    private final DecisionScores decisions = new DecisionScores();

    /**
     * @param base        the shared_feature_merger over cb_sample and the exploration strategy
     * @param multiplier  weights per feature times the stride (how the parser scales indices)
     */
    public CcbExploreAdf(MultiLearner base, int[][] interactions, FeatureHasher hasher, long hashSeed, int bits,
                         long multiplier, boolean audit, boolean noPredict, boolean disableSlotIndex) {
        super("ccb_explore_adf");
        this.base = base;
        this.slotFeatures = new CcbSlotFeatures(hasher, hashSeed, bits, multiplier, audit);
        this.noPredict = noPredict;
        this.disableSlotIndex = disableSlotIndex;
        this.interactions = interactions;
        this.slotInteractions = CcbSlotFeatures.withSlotIndex(interactions);
    }

    @Override
    public boolean learnReturnsPrediction() {
        return true;
    }

    /** True under --no_predict: nothing is predicted, reported or written. */
    public boolean noPredict() {
        return noPredict;
    }

    /** The slot lines of the last example, in order. */
    public List<Example> slots() {
        return slots;
    }

    /** One PMF per slot of the last example, chosen action first. */
    public DecisionScores decisions() {
        return decisions;
    }

    /**
     * Slots learned under --no_predict without a label since the last call (VW warns about each);
     * resets the count.
     */
    public int takeUnlabeledLearnOnlySlots() {
        int n = unlabeledLearnOnlySlots;
        unlabeledLearnOnlySlots = 0;
        return n;
    }

    @Override
    public void learn(List<Example> examples) {
        run(examples, true);
    }

    @Override
    public void predict(List<Example> examples) {
        run(examples, false);
    }

    private void run(List<Example> examples, boolean learn) {
        split(examples);
        int nActions = actions.size();
        if (slots.size() > nActions) {
            throw new InputException("ccb_adf_explore: badly formatted example - number of actions " + nActions
                    + " must be greater than or equal to the number of slots " + slots.size());
        }
        boolean augment = updateSlotIndexUse();
        int[][] inForce = augment ? slotInteractions : interactions;
        shared.cb.clear();
        shared.cb.add(0, CbLabel.NO_COST, -1f);
        for (int i = 0; i < nActions; i++) {
            actions.get(i).cb.clear();
            actions.get(i).interactions = inForce;
        }
        if (excluded.length < nActions) {
            excluded = new boolean[nActions];
            included = new boolean[nActions];
            originIndex = new int[nActions];
        }
        Arrays.fill(excluded, 0, nActions, false);
        decisions.clear();
        try {
            for (int id = 0; id < slots.size(); id++) {
                decideSlot(slots.get(id), id, augment, learn, examples);
            }
        } finally {
            shared.cb.clear();
        }
    }

    private void split(List<Example> examples) {
        shared = null;
        actions.clear();
        slots.clear();
        for (int i = 0, n = examples.size(); i < n; i++) {
            Example ec = examples.get(i);
            switch (ec.ccb.type) {
                case SHARED -> shared = ec;
                case ACTION -> actions.add(ec);
                case SLOT -> slots.add(ec);
                case UNSET -> throw new InputException(
                        "ccb_adf_explore: badly formatted example - invalid example type");
            }
        }
        if (shared == null) {
            throw new InputException("ccb_adf_explore: badly formatted example - a shared example is required");
        }
    }

    /** VW's has_seen_multi_slot_example: several slots, or a first slot with features of its own. */
    private boolean updateSlotIndexUse() {
        if (!hasSeenMultiSlot) {
            Example first = slots.isEmpty() ? null : slots.get(0);
            hasSeenMultiSlot = slots.size() > 1
                    || (first != null && first.numIndices > 0 && first.indices[0] != Namespaces.CONSTANT);
        }
        return hasSeenMultiSlot && !disableSlotIndex;
    }

    private void decideSlot(Example slot, int id, boolean augment, boolean learn, List<Example> examples) {
        slotFeatures.inject(shared, slot);
        int labeled = buildCbExample(examples.get(1 + actions.size() + id).ccb, learn);
        swapTag(shared, slot);
        if (augment) {
            slotFeatures.injectSlotId(shared, id);
        }
        if (cbExample.size() > 1) {
            if (learn) {
                multiline.learn(base, cbExample, 0);
            } else {
                multiline.predict(base, cbExample, 0);
            }
            if (!noPredict) {
                recordDecision();
            } else {
                excludeLabeled(examples);
            }
            countFeatures(slot);
            if (labeled >= 0) {
                actions.get(labeled).cb.clear();
            }
        } else {
            decisions.add();
        }
        slotFeatures.remove(shared, slot);
        if (augment) {
            slotFeatures.removeSlotId(shared);
        }
        swapTag(shared, slot);
    }

    /** Fills {@link #cbExample}; returns the action given the slot's label, or -1. */
    private int buildCbExample(CcbLabel label, boolean learn) {
        cbExample.clear();
        cbExample.add(shared);
        int nActions = actions.size();
        boolean explicit = label.includedSize > 0;
        if (explicit) {
            Arrays.fill(included, 0, nActions, false);
            for (int i = 0; i < label.includedSize; i++) {
                long id = Integer.toUnsignedLong(label.included[i]);
                if (id < nActions) {
                    included[(int) id] = true;
                }
            }
        }
        long chosen = label.hasOutcome ? Integer.toUnsignedLong(label.chosenAction()) : -1;
        int labeled = -1;
        int kept = 0;
        for (int i = 0; i < nActions; i++) {
            if ((explicit && !included[i]) || excluded[i]) {
                continue;
            }
            Example action = actions.get(i);
            cbExample.add(action);
            originIndex[kept++] = i;
            if (learn && i == chosen) {
                labeled = i;
                action.cb.add(kept, label.cost, label.chosenProbability());
            }
        }
        shared.predActionScores.clear();
        return labeled;
    }

    private void recordDecision() {
        ActionScores pred = shared.predActionScores;
        for (int i = 0; i < pred.size; i++) {
            pred.action[i] = originIndex[pred.action[i]];
        }
        excluded[pred.action[0]] = true;
        decisions.add().copyFrom(pred);
        pred.clear();
    }

    /** Under --no_predict there is no prediction: the logged action is the one taken. */
    private void excludeLabeled(List<Example> examples) {
        for (int i = 0, n = examples.size(); i < n; i++) {
            CbLabel cb = examples.get(i).cb;
            if (cb.size == 1 && cb.cost[0] != CbLabel.NO_COST) {
                excluded[i - 1] = true;
                return;
            }
        }
        unlabeledLearnOnlySlots++;
    }

    /** VW's count for the progress table: the shared line once per action, actions without constant. */
    private void countFeatures(Example slot) {
        slot.numFeatures = (cbExample.size() - 1) * shared.numFeatures;
        for (int i = 1, n = cbExample.size(); i < n; i++) {
            Example action = cbExample.get(i);
            slot.numFeatures += action.numFeatures - action.constantNamespaceSize();
            slot.numFeaturesFromInteractions += action.numFeaturesFromInteractions;
        }
    }

    private static void swapTag(Example a, Example b) {
        byte[] tag = a.tag;
        int length = a.tagLength;
        a.tag = b.tag;
        a.tagLength = b.tagLength;
        b.tag = tag;
        b.tagLength = length;
    }

    public void save(ModelState state) {
        state.putLong(STATE_KEY, hasSeenMultiSlot ? 1 : 0);
    }

    public void load(ModelState state) {
        hasSeenMultiSlot = state.getLong(STATE_KEY, 0) != 0;
    }
}
