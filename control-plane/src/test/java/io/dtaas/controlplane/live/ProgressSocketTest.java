package io.dtaas.controlplane.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressSocketTest {

    @Test
    void taskFilterComesFromTheQueryString() {
        assertThat(ProgressSocket.taskFilter("task_id=42")).isEqualTo(42L);
        assertThat(ProgressSocket.taskFilter("access_token=x&task_id=7")).isEqualTo(7L);
        assertThat(ProgressSocket.taskFilter("task_id=abc")).isNull();
        assertThat(ProgressSocket.taskFilter(null)).isNull();
        assertThat(ProgressSocket.taskFilter("")).isNull();
    }
}
