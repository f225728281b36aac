package io.dtaas.controlplane.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel as the API shows it: {@code config.url} and {@code config.secret} are always masked.
 *
 * @param rules the kinds it receives; null: every kind
 */
public record ChannelView(long id, String name, String type, Map<String, String> config, List<String> rules,
                          Instant createdAt) {
}
