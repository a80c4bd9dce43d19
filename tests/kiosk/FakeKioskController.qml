import QtQuick

// A QML stand-in for KioskController: the properties the pages read, and calls they make counted.
QtObject {
    property string eventName: "Integrating Cities"
    property bool connected: true
    property bool offline: false
    property bool reading: false
    property bool doorMode: false
    property bool roomMode: false
    property string room: ""
    property bool doorClosed: false
    property bool leaving: false
    property int doorOpensMinutesBefore: 15
    property real sessionId: 0
    property string setupProblem: ""
    property string sessionTitle: ""
    property string sessionRoom: ""
    property string nextSessionTitle: ""
    property string nextSessionTime: ""
    property string printerProblem: ""
    property string delegateName: "Simona B."
    property string delegateGivenName: "Simona"
    property string delegateAffiliation: "Vilnius"
    property string delegateOrganisation: "Vilniaus miesto savivaldybė"
    property string categoryLabel: "City official"
    property string categoryColour: "#1565C0"
    property string messageKey: ""
    property string previousCheckIn: ""
    property bool canRetry: false
    property string language: "en"
    property var languages: ["en", "cs", "de", "fr", "it", "lt", "uk", "pl", "nl", "es", "el", "ar", "fa"]
    property int confirmed: 0
    property int rejected: 0
    property int retried: 0
    property int restarted: 0
    property int visitsEnded: 0
    property bool canSearch: true
    property string searchQuery: ""
    property var searchResults: []
    property bool moreResults: false
    property var searched: []
    property var chosen: []
    property int proofLength: 4
    property int proofAttemptsLeft: 3
    property bool proofRejected: false
    property var proofs: []
    property int searchesOpened: 0
    function openSearch() { searchesOpened++ }
    function search(text) { searched.push(text) }
    function choose(id) { chosen.push(id) }
    function submitProof(text) { proofs.push(text) }
    function confirm() { confirmed++ }
    function reject() { rejected++ }
    function retry() { retried++ }
    function startOver() { restarted++ }
    function endVisit() { visitsEnded++ }
    function setLanguage(code) { language = code }
    function setLeaving(value) { leaving = value }
}
