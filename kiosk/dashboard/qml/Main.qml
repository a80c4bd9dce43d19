import QtQuick
import QtQuick.Window

// The dashboard window. main() passes the controllers; nothing here talks to the network itself.
Window {
    id: window
    required property var controller
    required property var exporter
    required property var conflicts
    property bool fullscreen: false

    visible: true
    visibility: fullscreen ? Window.FullScreen : Window.Windowed
    title: controller.eventName ? "Lanyard dashboard \u2013 " + controller.eventName : "Lanyard dashboard"
    color: "#0E1116"

    DashboardView {
        anchors.fill: parent
        controller: window.controller
        exporter: window.exporter
        conflicts: window.conflicts
        fullscreen: window.visibility === Window.FullScreen
        onToggleFullscreen: window.visibility = (window.visibility === Window.FullScreen ? Window.Windowed
                                                                                         : Window.FullScreen)
    }
}
