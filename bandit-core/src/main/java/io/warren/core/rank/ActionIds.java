package io.warren.core.rank;

import java.util.Arrays;
import java.util.List;

/**
 * A request's action ids, checked against Personalizer's rules (1 to {@link Ranker#MAX_ID_LENGTH}
 * characters, unique, at most {@link Ranker#MAX_ACTIONS}), and each id's position. The ids are kept as
 * {@code hashCode << 32 | position}, sorted, so checking and finding need neither a map nor any other
 * allocation per request. Not thread-safe: one per ranker, reused request after request.
 */
final class ActionIds {
    private final long[] byHash = new long[Ranker.MAX_ACTIONS];
    private List<RankableAction> actions = List.of();
    private int count;

    /** Checks the ids of {@code actions}, which {@link #indexOf} then finds. */
    void check(List<RankableAction> actions) {
        if (actions.isEmpty()) {
            throw new RankRequestException("actions must contain at least one action");
        }
        if (actions.size() > Ranker.MAX_ACTIONS) {
            throw new RankRequestException("actions has " + actions.size() + " actions; at most " + Ranker.MAX_ACTIONS
                    + " can be ranked");
        }
        this.actions = actions;
        this.count = actions.size();
        for (int i = 0; i < count; i++) {
            String id = actions.get(i).id();
            if (id == null || id.isEmpty()) {
                throw new RankRequestException("every action needs a non-empty id");
            }
            if (id.length() > Ranker.MAX_ID_LENGTH) {
                throw new RankRequestException("action id '" + id.substring(0, 32) + "...' is longer than "
                        + Ranker.MAX_ID_LENGTH + " characters");
            }
            byHash[i] = (long) id.hashCode() << 32 | i;
        }
        Arrays.sort(byHash, 0, count);
        for (int k = 1; k < count; k++) {
            for (int j = k - 1; j >= 0 && hash(byHash[j]) == hash(byHash[k]); j--) {
                String id = idAt(k);
                if (id.equals(idAt(j))) {
                    throw new RankRequestException("action id '" + id + "' appears more than once");
                }
            }
        }
    }

    /** The position of the action with {@code id} among the checked actions, or -1. */
    int indexOf(String id) {
        int hash = id.hashCode();
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (hash(byHash[mid]) < hash) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        for (int k = low; k < count && hash(byHash[k]) == hash; k++) {
            if (idAt(k).equals(id)) {
                return (int) byHash[k];
            }
        }
        return -1;
    }

    private static int hash(long entry) {
        return (int) (entry >> 32);
    }

    private String idAt(int k) {
        return actions.get((int) byHash[k]).id();
    }
}
