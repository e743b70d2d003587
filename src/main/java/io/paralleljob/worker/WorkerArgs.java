package io.paralleljob.worker;

import io.paralleljob.model.IndexRanges;
import java.util.List;

/**
 * A worker pod's arguments: {@code --task FILE --threads T} and either {@code --only RANGES}
 * (Auto's sample) or {@code --shard S --shards N [--exclude RANGES]}; {@code --done-positions RANGES} lists
 * the positions, in the shard's own item list, of items an earlier pod of the shard finished; {@code --report-file} is where the closing
 * summary goes (the container's termination message).
 */
public record WorkerArgs(String taskFile, int threads, List<Integer> only, int shard, int shards,
        List<Integer> exclude, List<Integer> done, String reportFile) {

    public static WorkerArgs parse(List<String> args) {
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
                case "--threads" -> threads = Integer.parseInt(v);
                case "--only" -> only = IndexRanges.parse(v);
                case "--shard" -> shard = Integer.parseInt(v);
                case "--shards" -> shards = Integer.parseInt(v);
                case "--exclude" -> exclude = IndexRanges.parse(v);
                case "--done-positions" -> done = IndexRanges.parse(v);
                case "--report-file" -> report = v;
                default -> throw new IllegalArgumentException("unknown argument " + flag);
            }
        }
        if (task == null) {
            throw new IllegalArgumentException("--task is required");
        }
        return new WorkerArgs(task, threads, only, shard, shards, exclude, done, report);
    }
}
