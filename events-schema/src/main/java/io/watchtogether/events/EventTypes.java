package io.watchtogether.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names under which events travel ({@code ce_type}) and the inverse lookup.
 *
 * <p>The name is derived from the record's simple name ({@code io.watchtogether.room.<Name>.v1}), so a
 * renamed record is a new type: rename only with a new version.
 */
public final class EventTypes {

    private static final String PREFIX = "io.watchtogether.room.";
    private static final String SUFFIX = ".v1";

    private static final List<Class<? extends RoomEvent>> ALL = leavesOf(RoomEvent.class);

    private static final Map<String, Class<? extends RoomEvent>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventTypes::typeOf, Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(RoomEvent event) {
        return typeOf(event.getClass());
    }

    public static String typeOf(Class<? extends RoomEvent> type) {
        return PREFIX + type.getSimpleName() + SUFFIX;
    }

    /** The record class for a {@code ce_type}, or an exception naming the unknown type. */
    public static Class<? extends RoomEvent> classOf(String type) {
        Class<? extends RoomEvent> found = BY_TYPE.get(type);
        if (found == null) {
            throw new IllegalArgumentException("Unknown event type: " + type);
        }
        return found;
    }

    /** Every concrete event record, in declaration order. */
    public static List<Class<? extends RoomEvent>> all() {
        return ALL;
    }

    /** The record classes under a sealed hierarchy, in declaration order. */
    @SuppressWarnings("unchecked")
    static <T> List<Class<? extends T>> leavesOf(Class<T> sealedType) {
        List<Class<? extends T>> leaves = new ArrayList<>();
        for (Class<?> sub : sealedType.getPermittedSubclasses()) {
            if (sub.isSealed()) {
                leaves.addAll(leavesOf((Class<T>) sub));
            } else if (!leaves.contains(sub)) {
                leaves.add((Class<? extends T>) sub);
            }
        }
        return List.copyOf(leaves);
    }
}
