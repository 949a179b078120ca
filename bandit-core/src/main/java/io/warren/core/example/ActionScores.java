package io.warren.core.example;

import java.util.Arrays;

/**
 * A list of (action, score) pairs: VW's action_scores, used both for scores (lower is better) and
 * for probabilities. Backed by reused primitive arrays; sorting is an insertion sort because the
 * lists are short (at most a few dozen actions) and it must be allocation free.
 */
public final class ActionScores {
    public int[] action = new int[8];
    public float[] score = new float[8];
    public int size;

    public void clear() {
        size = 0;
    }

    public void add(int a, float s) {
        if (size == action.length) {
            action = Arrays.copyOf(action, size * 2);
            score = Arrays.copyOf(score, size * 2);
        }
        action[size] = a;
        score[size] = s;
        size++;
    }

    public void copyFrom(ActionScores other) {
        clear();
        for (int i = 0; i < other.size; i++) {
            add(other.action[i], other.score[i]);
        }
    }

    public void swap(int i, int j) {
        int a = action[i];
        action[i] = action[j];
        action[j] = a;
        float s = score[i];
        score[i] = score[j];
        score[j] = s;
    }

    /** Ascending by score, ties by action id (VW's operator&lt; on action_score). */
    public void sortByScoreThenAction() {
        for (int i = 1; i < size; i++) {
            int a = action[i];
            float s = score[i];
            int j = i - 1;
            while (j >= 0 && (score[j] > s || (score[j] == s && action[j] > a))) {
                action[j + 1] = action[j];
                score[j + 1] = score[j];
                j--;
            }
            action[j + 1] = a;
            score[j + 1] = s;
        }
    }

    /** Descending probability; ties by ascending original score, then ascending action (VW's sort_action_probs). */
    public void sortProbabilities(float[] scoresByAction) {
        for (int i = 1; i < size; i++) {
            int a = action[i];
            float s = score[i];
            int j = i - 1;
            while (j >= 0 && probabilityBefore(a, s, action[j], score[j], scoresByAction)) {
                action[j + 1] = action[j];
                score[j + 1] = score[j];
                j--;
            }
            action[j + 1] = a;
            score[j + 1] = s;
        }
    }

    private static boolean probabilityBefore(int a1, float p1, int a2, float p2, float[] scores) {
        if (p1 > p2) {
            return true;
        }
        if (p1 < p2) {
            return false;
        }
        if (scores[a1] < scores[a2]) {
            return true;
        }
        if (scores[a1] > scores[a2]) {
            return false;
        }
        return a1 < a2;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ",").append(action[i]).append(':').append(score[i]);
        }
        return sb.toString();
    }
}
