package io.dtaas.controlplane.notification;

import java.util.List;

/** {@code PUT /api/notifications/channels/{id}/rules}: the kinds to receive; null: every kind. */
public record ChannelRulesRequest(List<String> rules) {
}
