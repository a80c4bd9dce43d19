pragma ComponentBehavior: Bound

import QtQuick
import "Bidi.js" as Bidi

// Every session's occupancy against its capacity: who is in the room now.
PanelFrame {
    id: panel
    required property var model  // SessionModel
    title: "Sessions"
    note: "inside now / capacity"

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        spacing: panel.unit * 0.5
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds

        // A wall screen cannot scroll: keep the first session that has not ended at the top.
        function showCurrent() {
            if (panel.model.firstCurrent >= 0) positionViewAtIndex(panel.model.firstCurrent, ListView.Beginning)
        }
        Connections {
            target: panel.model
            function onFirstCurrentChanged() { list.showCurrent() }
            function onModelReset() { list.showCurrent() }
        }
        Component.onCompleted: showCurrent()

        delegate: Item {
            id: row
            required property string title
            required property string room
            required property string time
            required property int capacity
            required property int insideNow
            required property int attended
            required property real fillRatio
            required property string phase
            width: list.width
            height: panel.unit * 3.1
            readonly property color barColour: fillRatio >= 1 ? "#EF5350" : fillRatio >= 0.85 ? "#FFB74D" : "#66BB6A"

            Text {
                id: count
                anchors { right: parent.right; top: parent.top }
                text: row.capacity > 0 ? row.insideNow + " / " + row.capacity : row.insideNow + " inside"
                color: row.capacity > 0 && row.fillRatio >= 0.85 ? row.barColour : "#E6EDF3"
                font.pixelSize: panel.unit * 1.1
                font.bold: true
            }
            Rectangle {
                id: nowBadge
                anchors { left: parent.left; top: parent.top; topMargin: panel.unit * 0.1 }
                visible: row.phase === "now"
                width: visible ? nowText.implicitWidth + panel.unit * 0.8 : 0
                height: panel.unit * 1.3
                radius: panel.unit * 0.2
                color: "#0277BD"
                Text {
                    id: nowText
                    anchors.centerIn: parent
                    text: "NOW"
                    color: "#FFFFFF"
                    font.pixelSize: panel.unit * 0.8
                    font.bold: true
                }
            }
            Text {
                anchors {
                    left: nowBadge.right; leftMargin: nowBadge.visible ? panel.unit * 0.4 : 0
                    right: count.left; rightMargin: panel.unit; top: parent.top
                }
                horizontalAlignment: Text.AlignLeft
                text: row.time + "  " + Bidi.isolate(row.title)
                elide: Text.ElideRight
                color: row.phase === "ended" ? "#9AA7B4" : "#E6EDF3"
                font.pixelSize: panel.unit * 1.05
                font.bold: row.phase === "now"
            }
            Text {
                anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: panel.unit * 1.35 }
                horizontalAlignment: Text.AlignLeft
                text: Bidi.isolate(row.room) + "  \u00b7  attended " + row.attended
                elide: Text.ElideRight
                color: "#9AA7B4"
                font.pixelSize: panel.unit * 0.85
            }
            Rectangle {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
                height: panel.unit * 0.45
                radius: height / 2
                color: "#262E38"
                Rectangle {
                    objectName: "fill"
                    width: parent.width * Math.min(1, row.fillRatio)
                    height: parent.height
                    radius: height / 2
                    color: row.barColour
                    visible: row.capacity > 0
                }
            }
        }
    }
}
