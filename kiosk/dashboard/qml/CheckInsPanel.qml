pragma ComponentBehavior: Bound

import QtQuick

// The latest check-ins, newest on top: entries in green, check-outs in grey, refusals stand out
// in red. Names start at the left whatever their script: a Text aligns right-to-left text to the
// right unless told otherwise.
PanelFrame {
    id: panel
    required property var model  // CheckInModel
    title: "Latest check-ins"

    Text {
        anchors.centerIn: parent
        visible: panel.model.count === 0
        text: "Nobody has checked in yet"
        color: "#9AA7B4"
        font.pixelSize: panel.unit * 1.2
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: panel.model
        boundsBehavior: Flickable.StopAtBounds

        delegate: Item {
            id: row
            required property string name
            required property string detail
            required property string colour
            required property string place
            required property string time
            required property string outcome
            required property bool admitted
            required property bool refused
            width: list.width
            height: panel.unit * 3.0

            Rectangle {
                id: swatch
                anchors { left: parent.left; top: parent.top; topMargin: panel.unit * 0.3 }
                width: panel.unit * 0.5
                height: panel.unit * 2.2
                radius: width / 2
                color: row.colour
            }
            Text {
                id: when
                anchors { right: parent.right; baseline: nameText.baseline }
                text: row.time
                color: "#9AA7B4"
                font.pixelSize: panel.unit * 0.95
                font.family: "monospace"
            }
            Text {
                id: nameText
                anchors { left: swatch.right; leftMargin: panel.unit * 0.6; right: when.left; rightMargin: panel.unit * 0.5 }
                objectName: "checkInName"
                horizontalAlignment: Text.AlignLeft
                text: row.name
                elide: Text.ElideRight
                color: "#FFFFFF"
                font.pixelSize: panel.unit * 1.1
                font.bold: true
            }
            Text {
                anchors {
                    left: swatch.right; leftMargin: panel.unit * 0.6; right: parent.right
                    top: parent.top; topMargin: panel.unit * 1.45
                }
                objectName: "outcomeText"
                horizontalAlignment: Text.AlignLeft
                text: (row.refused ? "\u26a0 " : "") + row.outcome + " \u00b7 " + row.place
                      + (row.detail !== "" ? " \u00b7 " + row.detail : "")
                elide: Text.ElideRight
                color: row.admitted ? "#81C784" : row.refused ? "#EF9A9A" : "#B0BEC5"
                font.pixelSize: panel.unit * 0.9
            }
        }
    }
}
