package io.paralleljob.model;

import java.util.List;

/** Everything one runner process needs: which shard it is, how many threads, the command and its items. */
public record ShardTask(int shard, int threads, int retries, CommandTemplate command, List<WorkItem> items) {
}
