package io.dtaas.controlplane.live;

import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * {@code /ws}: live execution progress as JSON text messages ({@link LiveMessage}). Connect to
 * {@code /ws?task_id=N} for one task's executions only. Off loopback the API token is required
 * ({@code ?access_token=} or an Authorization header), as for {@code /api}.
 */
@WebSocket(path = "/ws")
public class ProgressSocket {

    private static final UserData.TypedKey<Long> TASK = UserData.TypedKey.forLong("task_id");

    @OnOpen
    public void open(WebSocketConnection connection) {
        String task = connection.handshakeRequest().query();
        Long taskId = taskFilter(task);
        if (taskId != null) {
            connection.userData().put(TASK, taskId);
        }
    }

    /** True when the connection follows all tasks or this one. */
    static boolean wants(WebSocketConnection connection, long taskId) {
        Long filter = connection.userData().get(TASK);
        return filter == null || filter == taskId;
    }

    /** The {@code task_id} of a query string, or null (follow all) when absent or not a number. */
    static Long taskFilter(String query) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("task_id=")) {
                try {
                    return Long.valueOf(pair.substring("task_id=".length()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
