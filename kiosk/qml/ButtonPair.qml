import QtQuick

// Two buttons side by side within `availableWidth`: the second takes at most half of it, the first
// what is left, and both are as tall as the taller. Either may be hidden; the other then has it all.
Row {
    id: pair

    required property real availableWidth
    property alias first: first
    property alias second: second
    signal firstClicked()
    signal secondClicked()

    spacing: 48

    BigButton {
        id: first
        maximumWidth: pair.availableWidth - (second.visible ? second.width + pair.spacing : 0)
        height: Math.max(implicitHeight, second.visible ? second.implicitHeight : 0)
        onClicked: pair.firstClicked()
    }
    BigButton {
        id: second
        primary: false
        maximumWidth: first.visible ? (pair.availableWidth - pair.spacing) / 2 : pair.availableWidth
        height: Math.max(implicitHeight, first.visible ? first.implicitHeight : 0)
        onClicked: pair.secondClicked()
    }
}
