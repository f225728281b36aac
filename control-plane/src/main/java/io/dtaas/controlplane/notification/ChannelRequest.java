package io.dtaas.controlplane.notification;

import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/notifications/channels}.
 *
 * @param config {@code url} (http or https) and optional {@code secret} (signs webhook bodies)
 * @param rules  the kinds this channel receives; absent or null: every kind
 */
public record ChannelRequest(String name, String type, Map<String, Object> config, List<String> rules) {
}
