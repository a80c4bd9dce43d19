import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The whole dashboard: header, the big numbers and the panels. Three columns on a wall screen,
// two on a laptop, one on anything narrower; sizes follow the window so it reads across a room.
Item {
    id: view
    required property var controller
    required property var exporter
    required property var conflicts  // ConflictsController
    property bool fullscreen: false
    signal toggleFullscreen()

    // The size everything is measured in: 20 px on a 1920x1080 screen, never below 13.
    readonly property real unit: Math.max(13, Math.min(width / 96, height / 54))
    readonly property int columns: width >= 1200 && width > height ? 3 : width >= 900 ? 2 : 1
    readonly property bool live: controller.state === 1  // DashboardController.Live
    readonly property bool failed: controller.state === 3  // DashboardController.Failed
    // Who has not checked in: still expected until the event's last day is over.
    readonly property string absentLabel: controller.eventOver ? "No-shows" : "Not yet arrived"

    Rectangle { anchors.fill: parent; color: "#0E1116" }

    DashboardHeader {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: view.unit }
        controller: view.controller
        unit: view.unit
        fullscreen: view.fullscreen
        onExportRequested: exportDialog.open()
        onToggleFullscreen: view.toggleFullscreen()
    }

    // Across the room: the numbers below are not live.
    Rectangle {
        id: banner
        objectName: "staleBanner"
        anchors { left: parent.left; right: parent.right; top: header.bottom; margins: view.unit }
        anchors.topMargin: visible ? view.unit * 0.6 : 0
        height: visible ? view.unit * 2.4 : 0
        visible: !view.live
        radius: view.unit * 0.3
        color: view.failed ? "#B71C1C" : "#8D6E00"
        Text {
            objectName: "staleText"
            anchors.centerIn: parent
            width: parent.width - view.unit * 2
            horizontalAlignment: Text.AlignHCenter
            elide: Text.ElideRight
            text: view.controller.statusText
                  + (view.controller.updatedAt !== "" ? "  –  numbers as of " + view.controller.updatedAt : "")
            color: "#FFFFFF"
            font.pixelSize: view.unit * 1.2
            font.bold: true
        }
    }

    Flickable {
        id: page
        anchors { left: parent.left; right: parent.right; top: banner.bottom; bottom: parent.bottom }
        anchors.margins: view.unit
        anchors.topMargin: view.unit * 0.8
        clip: true
        contentWidth: width
        contentHeight: content.height
        boundsBehavior: Flickable.StopAtBounds

        Column {
            id: content
            width: page.width
            spacing: view.unit * 0.8
            // On a wall screen everything fits the window; narrower layouts scroll.
            readonly property real panelsHeight: view.columns === 3
                ? Math.max(view.unit * 24, page.height - tiles.height - spacing)
                : (view.columns === 2 ? 4 : 6) * view.unit * 20 + (view.columns === 2 ? 3 : 5) * panels.rowSpacing

            GridLayout {
                id: tiles
                width: parent.width
                columns: view.width >= 900 ? 4 : 2
                columnSpacing: view.unit * 0.8
                rowSpacing: view.unit * 0.8
                readonly property real tileHeight: view.unit * 8.2

                StatTile {
                    objectName: "registeredTile"
                    Layout.fillWidth: true; Layout.preferredHeight: tiles.tileHeight; Layout.preferredWidth: 1
                    unit: view.unit
                    label: "Registered"
                    value: view.controller.registered
                    detail: view.controller.cancelled > 0 ? view.controller.cancelled + " cancelled" : ""
                    accent: "#90A4AE"
                }
                StatTile {
                    objectName: "checkedInTile"
                    Layout.fillWidth: true; Layout.preferredHeight: tiles.tileHeight; Layout.preferredWidth: 1
                    unit: view.unit
                    label: "Checked in"
                    value: view.controller.checkedIn
                    detail: view.controller.registered > 0
                            ? Math.round(100 * view.controller.checkedIn / view.controller.registered) + " % of registered" : ""
                    accent: "#66BB6A"
                }
                StatTile {
                    objectName: "insideNowTile"
                    Layout.fillWidth: true; Layout.preferredHeight: tiles.tileHeight; Layout.preferredWidth: 1
                    unit: view.unit
                    label: "Inside now"
                    value: view.controller.insideNow
                    detail: view.controller.badgesPrinted + " badges printed"
                    accent: "#4FC3F7"
                }
                StatTile {
                    objectName: "noShowsTile"
                    Layout.fillWidth: true; Layout.preferredHeight: tiles.tileHeight; Layout.preferredWidth: 1
                    unit: view.unit
                    label: view.absentLabel
                    value: view.controller.noShows
                    detail: view.controller.refusedScans > 0 ? view.controller.refusedScans + " refused scans" : ""
                    accent: "#FFB74D"
                }
            }

            GridLayout {
                id: panels
                width: parent.width
                height: content.panelsHeight
                columns: view.columns
                columnSpacing: view.unit * 0.8
                rowSpacing: view.unit * 0.8
                readonly property bool wide: view.columns === 3

                ArrivalsChart {
                    objectName: "arrivalsPanel"
                    unit: view.unit
                    model: view.controller.arrivals
                    Layout.row: 0
                    Layout.column: 0
                    Layout.columnSpan: view.columns === 2 ? 2 : 1
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
                SessionsPanel {
                    objectName: "sessionsPanel"
                    unit: view.unit
                    model: view.controller.sessions
                    Layout.row: panels.wide ? 0 : 1
                    Layout.column: panels.wide ? 1 : 0
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
                CheckInsPanel {
                    objectName: "checkInsPanel"
                    unit: view.unit
                    model: view.controller.checkIns
                    Layout.row: panels.wide ? 0 : view.columns === 2 ? 1 : 2
                    Layout.column: panels.wide ? 2 : view.columns === 2 ? 1 : 0
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
                CategoriesPanel {
                    objectName: "categoriesPanel"
                    unit: view.unit
                    model: view.controller.categories
                    Layout.row: panels.wide ? 1 : view.columns === 2 ? 2 : 3
                    Layout.column: 0
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
                KiosksPanel {
                    objectName: "kiosksPanel"
                    unit: view.unit
                    model: view.controller.kiosks
                    alive: view.controller.kiosksAlive
                    kiosks: view.controller.kiosksActive
                    Layout.row: panels.wide ? 1 : view.columns === 2 ? 2 : 4
                    Layout.column: panels.wide ? 2 : view.columns === 2 ? 1 : 0
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
                ConflictsPanel {
                    objectName: "conflictsPanel"
                    unit: view.unit
                    conflicts: view.conflicts
                    Layout.row: panels.wide ? 1 : view.columns === 2 ? 3 : 5
                    Layout.column: panels.wide ? 1 : 0
                    Layout.columnSpan: view.columns === 2 ? 2 : 1
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.preferredWidth: 1; Layout.preferredHeight: 1
                }
            }
        }
    }

    ExportDialog {
        id: exportDialog
        objectName: "exportDialog"
        controller: view.controller
        exporter: view.exporter
        absentLabel: view.absentLabel
        unit: view.unit
        anchors.centerIn: parent
    }
}
