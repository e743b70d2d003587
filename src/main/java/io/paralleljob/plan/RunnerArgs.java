package io.paralleljob.plan;

import io.paralleljob.api.Strategy;
import io.paralleljob.model.IndexRanges;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The runner's command line, read here and written here for whoever starts a runner (the
 * operator's worker pods, local mode's runner processes), so the two sides cannot drift apart:
 * <pre>
 * --task FILE [--threads T] (--only RANGES | --shard S --shards N [--exclude RANGES])
 *     [--done-positions RANGES] [--report-file FILE]
 * </pre>
 * {@code --only}: exactly these items, in no shard of the plan (Auto's sample); {@code --threads 0}:
 * one thread per CPU; the default is 1. {@code --shard/--shards/--exclude}: shard S of a {@link ShardPlan}.
 * {@code --done-positions}: positions, in the shard's own list, of the items an earlier runner of the
 * shard finished (positions of a shard run in order form one short range; its item indexes would not).
 * {@code --report-file}: where the closing summary is written too (a pod's termination message).
 */
public record RunnerArgs(String taskFile, int threads, List<Integer> only, int shard, int shards,
        List<Integer> exclude, List<Integer> donePositions, String reportFile) {

    public static final String USAGE = "usage: RunnerMain --task FILE [--threads T] (--only RANGES | --shard S --shards N"
            + " [--exclude RANGES]) [--done-positions RANGES] [--report-file FILE]";

    /** Shard {@code shard} of the plan, with the plan's threads: what follows {@code --task FILE}. */
    public static List<String> shard(ShardPlan plan, int shard) {
        List<String> args = new ArrayList<>(List.of("--shard", Integer.toString(shard),
                "--shards", Integer.toString(plan.shards()), "--threads", Integer.toString(plan.threads())));
        if (!plan.excluded().isEmpty()) {
            args.addAll(List.of("--exclude", IndexRanges.format(plan.excluded())));
        }
        return args;
    }

    /**
     * Auto's sample: these items, with as many threads as the runner has CPUs, so computing items
     * never queue for a core and look half idle.
     */
    public static List<String> sample(Collection<Integer> indexes) {
        return List.of("--only", IndexRanges.format(indexes), "--threads", "0");
    }

    /** The positions, in the shard's list, that an earlier runner of the shard finished. */
    public static List<String> donePositions(Collection<Integer> positions) {
        return List.of("--done-positions", IndexRanges.format(positions));
    }

    public static RunnerArgs parse(List<String> args) {
        String task = null;
        String report = null;
        int threads = 1;
        int shard = 0;
        int shards = 1;
        List<Integer> only = null;
        List<Integer> exclude = List.of();
        List<Integer> done = List.of();
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args.get(++i);
            switch (flag) {
                case "--task" -> task = v;
                case "--threads" -> threads = number(flag, v);
                case "--only" -> only = IndexRanges.parse(v);
                case "--shard" -> shard = number(flag, v);
                case "--shards" -> shards = number(flag, v);
                case "--exclude" -> exclude = IndexRanges.parse(v);
                case "--done-positions" -> done = IndexRanges.parse(v);
                case "--report-file" -> report = v;
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        if (task == null) {
            throw new IllegalArgumentException("--task is required");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("--threads expects a count, or 0 for one per CPU (got " + threads + ")");
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("--shard " + shard + " is not one of --shards " + shards);
        }
        return new RunnerArgs(task, threads, only, shard, shards, exclude, done, report);
    }

    private static int number(String flag, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects a whole number (got '" + v + "')");
        }
    }

    /**
     * The shard plan these arguments name. They carry its counts, not its strategy, which the
     * runner has no use for: one shard reads back as Threads, several as Pods.
     */
    private ShardPlan plan(int total, List<Integer> runOnly) {
        return new ShardPlan(shards == 1 ? Strategy.Threads : Strategy.Pods, total, shards, Math.max(1, threads),
                exclude, runOnly);
    }

    /** The items this runner runs, in its shard's order, without those an earlier runner of the shard finished. */
    public List<Integer> indexes(int total) {
        return indexes(total, null);
    }

    /**
     * @param runOnly the task's rerun set ({@link io.paralleljob.model.PodTask#runOnlyIndexes()}),
     *                which the shard plan shares out; null for every item
     */
    public List<Integer> indexes(int total, List<Integer> runOnly) {
        List<Integer> mine = only != null ? only : plan(total, runOnly).indexes(shard);
        for (int i : mine) {
            if (i < 0 || i >= total) {
                throw new IllegalArgumentException("item " + i + " is not in the task's " + total + " items");
            }
        }
        Set<Integer> finished = new HashSet<>(donePositions);
        List<Integer> out = new ArrayList<>(mine.size());
        for (int p = 0; p < mine.size(); p++) {
            if (!finished.contains(p)) {
                out.add(mine.get(p));
            }
        }
        return out;
    }

    /** The shard its items report: none for Auto's sample, which belongs to no shard of the plan. */
    public Integer itemShard() {
        return only != null ? null : shard;
    }
}
