package io.watchtogether.gateway.membership;

import io.watchtogether.events.RoomState;
import io.watchtogether.readmodel.RoomReadModel;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;

import java.util.concurrent.CompletableFuture;

/**
 * Whether a user is a participant of a room: the newer of what this instance has seen and what the Redis
 * read model holds, by room version.
 */
@Component
public class ParticipantCheck {

    private final RoomMembership membership;
    private final RoomReadModel readModel;
    private final MembershipProperties properties;
    private final TaskExecutor lookups;

    public ParticipantCheck(RoomMembership membership, RoomReadModel readModel, MembershipProperties properties,
                            @Qualifier(MembershipConfiguration.LOOKUP_EXECUTOR) TaskExecutor lookups) {
        this.membership = membership;
        this.readModel = readModel;
        this.properties = properties;
        this.lookups = lookups;
    }

    /** Reads the room from Redis once (blocking) and answers from the newest knowledge. */
    public boolean isParticipant(String roomId, String userId) {
        return readModel.find(roomId)
                .map(room -> isParticipant(room, userId))
                .orElseGet(() -> membership.members(roomId).map(members -> members.contains(userId)).orElse(false));
    }

    /** Answers from a room state just read and what this instance has seen, whichever is newer. */
    public boolean isParticipant(RoomState room, String userId) {
        membership.observe(room);
        return membership.members(room.roomId()).map(members -> members.contains(userId)).orElse(false);
    }

    /**
     * Like {@link #isParticipant}, but a user not seen yet gets until the subscribe wait is over to show up
     * in the room's membership events; Redis is asked once more before the answer is no. Blocks no thread
     * while waiting.
     */
    public CompletableFuture<Boolean> awaitParticipant(String roomId, String userId) {
        if (isParticipant(roomId, userId)) {
            return CompletableFuture.completedFuture(true);
        }
        return membership.whenParticipant(roomId, userId, properties.subscribeWait().toMillis())
                .thenApplyAsync(seen -> seen || isParticipant(roomId, userId), lookups);
    }
}
