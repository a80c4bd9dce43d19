pragma ComponentBehavior: Bound

import QtQuick
import QtQuick.Controls

// Conflicts from kiosks' offline uploads, newest on top: who, where, which kiosks, when scanned
// and why the server disagrees. Unseen ones stand out in amber with a button to mark them seen.
PanelFrame {
    id: panel
    required property var conflicts  // ConflictsController
    title: "Offline conflicts"
    note: panel.conflicts.unseen > 0 ? panel.conflicts.unseen + " unseen of " + panel.conflicts.total
                                     : panel.conflicts.total > 0 ? "all " + panel.conflicts.total + " seen" : ""

    Text {
        anchors.centerIn: parent
        width: parent.width
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        visible: list.count === 0
        text: panel.conflicts.message !== "" ? panel.conflicts.message : "No conflicts from offline kiosks"
        color: "#9AA7B4"
        font.pixelSize: panel.unit * 1.1
    }

    ListView {
        id: list
        objectName: "conflictList"
        anchors.fill: parent
        clip: true
        spacing: panel.unit * 0.4
        model: panel.conflicts.conflicts
        boundsBehavior: Flickable.StopAtBounds

        delegate: Rectangle {
            id: row
            required property var conflictId
            required property string name
            required property string place
            required property string kiosks
            required property string scanned
            required property string reason
            required property bool seen
            required property string seenText
            width: list.width
            height: panel.unit * 4.6
            radius: panel.unit * 0.3
            color: row.seen ? "#1C232C" : "#3A2E0B"

            Text {
                id: when
                anchors { right: parent.right; top: parent.top; margins: panel.unit * 0.4 }
                text: row.scanned
                color: "#9AA7B4"
                font.pixelSize: panel.unit * 0.95
                font.family: "monospace"
            }
            Text {
                id: nameText
                objectName: "conflictName"
                anchors { left: parent.left; right: when.left; top: parent.top; margins: panel.unit * 0.4 }
                horizontalAlignment: Text.AlignLeft
                text: (row.seen ? "" : "\u26a0 ") + row.name + " \u00b7 " + row.place
                elide: Text.ElideRight
                color: "#FFFFFF"
                font.pixelSize: panel.unit * 1.05
                font.bold: true
            }
            Text {
                id: reasonText
                objectName: "conflictReason"
                anchors { left: nameText.left; right: parent.right; top: nameText.bottom; rightMargin: panel.unit * 0.4 }
                horizontalAlignment: Text.AlignLeft
                text: row.reason
                elide: Text.ElideRight
                color: row.seen ? "#B0BEC5" : "#FFD54F"
                font.pixelSize: panel.unit * 0.9
            }
            Text {
                anchors {
                    left: nameText.left; right: action.left; rightMargin: panel.unit * 0.5
                    verticalCenter: action.verticalCenter
                }
                horizontalAlignment: Text.AlignLeft
                text: row.seen ? row.kiosks + " \u00b7 " + row.seenText : row.kiosks
                elide: Text.ElideRight
                color: "#9AA7B4"
                font.pixelSize: panel.unit * 0.85
            }
            Button {
                id: action
                objectName: "markSeenButton"
                anchors { right: parent.right; bottom: parent.bottom; margins: panel.unit * 0.3 }
                visible: !row.seen
                width: visible ? implicitWidth : 0
                height: panel.unit * 1.6
                text: "Mark seen"
                font.pixelSize: panel.unit * 0.8
                onClicked: panel.conflicts.markSeen(row.conflictId)
            }
        }
    }
}
