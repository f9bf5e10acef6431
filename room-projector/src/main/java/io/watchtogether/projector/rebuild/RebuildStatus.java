package io.watchtogether.projector.rebuild;

/**
 * Where a rebuild stands, as {@code GET /admin/rebuild/{id}} answers it.
 *
 * @param id              the rebuild's id
 * @param state           {@code RUNNING}, {@code SUCCEEDED} or {@code FAILED}
 * @param phase           {@code STARTING}, {@code READING} (replaying the log into the new generation),
 *                        {@code SWITCHING} (readers moved; following the log until the old generation is unused),
 *                        {@code DROPPING} (removing the old generation's keys), {@code DONE}
 * @param generation      the key prefix being built, once chosen
 * @param previousGeneration the key prefix it replaces
 * @param eventsDone      events replayed so far
 * @param eventsTotal     events to replay: while reading, the offsets between the start and the end of the log
 *                        (an upper bound, since transaction markers take offsets too); the exact count once done
 * @param eventsPerSecond replay speed while reading (events/s)
 * @param etaSeconds      estimated seconds until reading is done
 * @param rooms           rooms rebuilt
 * @param error           why it failed
 */
public record RebuildStatus(
        String id,
        String state,
        String phase,
        String generation,
        String previousGeneration,
        long eventsDone,
        long eventsTotal,
        long eventsPerSecond,
        long etaSeconds,
        long rooms,
        String error) {

    public boolean running() {
        return RebuildProgress.RUNNING.equals(state);
    }
}
