package io.warren.core.learn;

/**
 * Options of VW's gd reduction after VW's defaulting rules: the adaptive, normalized and invariant
 * update are on together by default; naming any of --sgd/--adaptive/--normalized/--invariant turns the
 * others off and sets the learning rate to 10 unless -l was given.
 */
public record GdConfig(boolean adaptive, boolean normalized, boolean invariant, float learningRate, float powerT,
                       float initialT, float l1, float l2, boolean training) {
}
