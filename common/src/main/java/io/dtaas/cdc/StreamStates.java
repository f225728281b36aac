package io.dtaas.cdc;

/**
 * Where each task's stream state lives in this process's mode: files under the data dir (standalone), Redis keys
 * (workers). The engine takes the state of the task it runs; the retained-log measurement reads the committed
 * offsets of any task, running or not, from the same place.
 */
@FunctionalInterface
public interface StreamStates {

    StreamState of(long taskId);

    /** Standalone: {@code <stateDir>/task-<id>}. */
    static StreamStates files(java.nio.file.Path stateDir) {
        return taskId -> new FileStreamState(stateDir.resolve("task-" + taskId));
    }

    /** Distributed: Redis keys of the task's stream; {@code localDir} holds the files the engine needs locally. */
    static StreamStates redis(RedisCdcStorage redis, java.nio.file.Path localDir) {
        return taskId -> new RedisStreamState(redis, CdcRun.streamId(taskId), localDir.resolve("task-" + taskId));
    }
}
