package io.watchtogether.browser;

/**
 * Two people in one room through the web client only: the admin registers, creates a room playing the gateway's
 * test video with the {@code direct} provider, and the viewer registers from the admin's share link. Both videos
 * are loaded and both pages sample their positions when this returns.
 */
record TwoViewers(Viewer admin, Viewer viewer, String roomId) {

    static final String SAMPLE_VIDEO = "/media/sample.webm";

    static TwoViewers inOneRoom(BrowserTestEnvironment environment, String roomName) {
        Viewer admin = new Viewer("alice", environment.newPage("alice")).registerAt(environment.gatewayUrl() + "/");
        String roomId = admin.createRoom(roomName, SAMPLE_VIDEO, "direct");
        String link = admin.shareLink();
        Viewer viewer = new Viewer("bob", environment.newPage("bob")).registerAt(link).awaitRoom();
        admin.awaitParticipants(2);
        viewer.awaitParticipants(2);
        admin.awaitVideoLoaded();
        viewer.awaitVideoLoaded();
        admin.startSampling();
        viewer.startSampling();
        return new TwoViewers(admin, viewer, roomId);
    }

    void close() {
        admin.page().context().close();
        viewer.page().context().close();
    }
}
