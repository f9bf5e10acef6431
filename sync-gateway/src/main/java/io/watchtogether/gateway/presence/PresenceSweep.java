package io.watchtogether.gateway.presence;

import io.watchtogether.commands.CommandClient;
import io.watchtogether.events.CommandEnvelope;
import io.watchtogether.events.CommandResult;
import io.watchtogether.events.Rejection;
import io.watchtogether.events.RoomCommand;
import io.watchtogether.gateway.membership.ParticipantCheck;
import io.watchtogether.gateway.presence.RoomPresence.Absence;
import io.watchtogether.gateway.presence.RoomPresence.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;

/**
 * Turns absence into a {@code LeaveRoom} command, so the log records who left and why. Every sweep interval
 * it reviews {@link RoomPresence}, refreshes this instance's notes in Redis, and for each user newly absent
 * from a room:
 * <ol>
 *   <li>waits while another instance still holds them there ({@link PresenceClaims});</li>
 *   <li>does nothing if they are no longer a participant (they left, were kicked, the room closed);</li>
 *   <li>otherwise sends {@code LeaveRoom(reason)} with the user as actor, as the gateway acts for the users it
 *       authenticated, through the same {@link CommandClient} as their own commands, so {@code decide}
 *       validates it like any other.</li>
 * </ol>
 * A leave that gets no answer is sent again with the same idempotency key at the next sweep, up to
 * {@link PresenceProperties#leaveAttempts()} times. A rejection (the user left meanwhile) is expected and
 * only logged at debug.
 */
@Component
class PresenceSweep implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PresenceSweep.class);

    private final RoomPresence presence;
    private final PresenceClaims claims;
    private final ParticipantCheck participants;
    private final CommandClient commands;
    private final PresenceProperties properties;
    private final TaskScheduler scheduler;
    private volatile ScheduledFuture<?> task;

    PresenceSweep(RoomPresence presence, PresenceClaims claims, ParticipantCheck participants,
                  CommandClient commands, PresenceProperties properties,
                  @Qualifier(PresenceConfiguration.SCHEDULER) TaskScheduler scheduler) {
        this.presence = presence;
        this.claims = claims;
        this.participants = participants;
        this.commands = commands;
        this.properties = properties;
        this.scheduler = scheduler;
    }

    @Override
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::sweep, properties.sweepInterval());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> running = task;
        if (running != null) {
            running.cancel(false);
        }
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }

    /** Never throws: a scheduled task that throws is not run again. */
    void sweep() {
        try {
            review(System.currentTimeMillis());
        } catch (RuntimeException e) {
            log.error("Presence sweep failed", e);
        }
    }

    private void review(long now) {
        RoomPresence.Review review = presence.review(now);
        try {
            claims.update(review.toClaim(), review.claimUntil(), review.toRelease(), now);
        } catch (RuntimeException e) {
            log.warn("Could not update this instance's presence notes in Redis: {}", e.toString());
        }
        review.absences().forEach(absence -> leave(absence, now));
    }

    private void leave(Absence absence, long now) {
        String userId = absence.user().userId();
        String roomId = absence.roomId();
        try {
            if (claims.heldElsewhere(userId, roomId, now)) {
                log.debug("User {} is absent from room {} here but present through another instance", userId, roomId);
                presence.settle(absence, Outcome.DEFERRED);
                return;
            }
            if (!participants.isParticipant(roomId, userId)) {
                log.debug("User {} went {} from room {}, of which they are no longer a participant", userId,
                        absence.reason(), roomId);
                presence.settle(absence, Outcome.DONE);
                return;
            }
            CommandEnvelope envelope = new CommandEnvelope(UUID.randomUUID().toString(), roomId,
                    absence.user().actor(), now, null, absence.idempotencyKey(),
                    new RoomCommand.LeaveRoom(absence.reason()));
            log.info("User {} is absent from room {} ({}): sending LeaveRoom {}", userId, roomId, absence.reason(),
                    envelope.commandId());
            commands.send(envelope).whenComplete((result, error) -> answered(absence, envelope, result, error));
        } catch (RuntimeException e) {
            failed(absence, e.toString());
        }
    }

    private void answered(Absence absence, CommandEnvelope envelope, CommandResult result, Throwable error) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            failed(absence, "no result for LeaveRoom " + envelope.commandId() + ": " + cause);
        } else if (result.accepted()) {
            log.debug("LeaveRoom {} of user {} from room {} recorded at version {}", envelope.commandId(),
                    absence.user().userId(), absence.roomId(), result.version());
            presence.settle(absence, Outcome.DONE);
        } else if (result.rejection().reason() == Rejection.Reason.TOO_MANY_COMMANDS) {
            failed(absence, "LeaveRoom " + envelope.commandId() + " was rate limited");
        } else {
            log.debug("LeaveRoom {} of user {} from room {} refused: {}", envelope.commandId(),
                    absence.user().userId(), absence.roomId(), result.rejection().detail());
            presence.settle(absence, Outcome.DONE);
        }
    }

    private void failed(Absence absence, String why) {
        boolean again = !presence.settle(absence, Outcome.FAILED);
        log.warn("Leave of user {} from room {} ({}) failed, {}: {}", absence.user().userId(), absence.roomId(),
                absence.reason(), again ? "trying again" : "not trying again", why);
    }
}
