package io.watchtogether.gateway.membership;

import io.watchtogether.gateway.RoomLog;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class RoomMembershipTest {

    private final RoomMembership membership = new RoomMembership();

    @Test
    void the_audience_of_a_kick_is_the_remaining_participants_and_the_kicked_user() {
        RoomLog room = RoomLog.created("r1", "alice");
        membership.apply(room.join("bob"));

        assertThat(membership.apply(room.kick("bob"))).containsExactlyInAnyOrder("alice", "bob");
        assertThat(membership.apply(room.play("alice"))).containsExactly("alice");
    }

    @Test
    void an_older_state_does_not_replace_a_newer_one() {
        RoomLog room = RoomLog.created("r1", "alice");
        var withoutBob = room.state();
        room.join("bob");
        membership.observe(room.state());

        membership.observe(withoutBob);

        assertThat(membership.members("r1").orElseThrow().contains("bob")).isTrue();
    }

    @Test
    void a_room_this_instance_has_not_seen_is_not_filtered() {
        RoomLog room = RoomLog.created("r1", "alice");

        assertThat(membership.apply(room.play("alice"))).isNull();
    }

    @Test
    void a_waiting_subscriber_is_let_in_when_their_join_is_seen() {
        RoomLog room = RoomLog.created("r1", "alice");
        membership.observe(room.state());
        CompletableFuture<Boolean> bobIn = membership.whenParticipant("r1", "bob", 60_000);
        CompletableFuture<Boolean> carolIn = membership.whenParticipant("r1", "carol", 60_000);

        membership.apply(room.join("bob"));

        assertThat(bobIn).isCompletedWithValue(true);
        assertThat(carolIn).isNotDone();
    }

    @Test
    void a_waiting_subscriber_is_refused_after_the_wait() {
        CompletableFuture<Boolean> bobIn = membership.whenParticipant("r1", "bob", 10);

        assertThat(bobIn.join()).isFalse();
    }
}
