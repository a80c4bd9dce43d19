import QtQuick

// "Reading…" while a scanner's keys come in, over whatever page is showing, so that a delegate
// sees their code was seen before the answer comes.
Rectangle {
    id: indicator

    property bool reading: false

    visible: reading
    width: label.implicitWidth + 64
    height: label.implicitHeight + 32
    radius: height / 2
    color: "#003a8c"
    Accessible.role: Accessible.StatusBar
    Accessible.name: label.text

    Text {
        id: label
        anchors.centerIn: parent
        text: qsTr("Reading…")
        font.pixelSize: 40
        font.bold: true
        color: "#ffffff"
    }
}
