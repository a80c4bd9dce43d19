import QtQuick
import QtTest
import Lanyard.Kiosk
import Lanyard.Kiosk.Testing

// Every kiosk page in every kiosk language, on the real controllers (KioskTestRig) brought to each
// screen the way a visit gets there, with the longest names, organisation, session and room of the
// demo event: nothing reaches outside the page, no text outgrows its box, and no two texts or
// buttons overlap. Pages where the delegate types are checked in the space the on-screen keyboard
// leaves them. Right-to-left languages mirror the pages, as Main.qml does.
Item {
    id: root
    width: 1280
    height: 800

    property string language: "en"

    LayoutMirroring.enabled: Qt.locale(language).textDirection === Qt.RightToLeft
    LayoutMirroring.childrenInherit: true

    Component { id: rigComponent; KioskTestRig {} }
    KioskKeyboard { id: keyboard; width: root.width; visible: false }

    Component { id: welcomePage; WelcomePage {} }
    Component { id: searchPage; SearchPage {} }
    Component { id: proofPage; ProofPage {} }
    Component { id: confirmPage; ConfirmPage {} }
    Component { id: checkingPage; PrintingPage { printing: false } }
    Component { id: printingPage; PrintingPage { printing: true } }
    Component { id: donePage; DonePage {} }
    Component { id: problemPage; ProblemPage {} }
    Component { id: doorPage; DoorPage {} }
    Component { id: setupProblemPage; SetupProblemPage {} }
    Component { id: staffPinPage; StaffPinPage {} }
    Component { id: staffPage; StaffPage {} }

    // The demo's longest: a given name, a family name, an organisation, a session and a room.
    readonly property string longGiven: "María de los Ángeles"
    readonly property string longFamily: "Vasconcelos de Albuquerque e Sousa Magalhães"
    readonly property string longOrganisation:
        "Senatsverwaltung für Arbeit, Soziales, Gleichstellung, Integration, Vielfalt und Antidiskriminierung"
    readonly property string longSession:
        "Panel: Narratives on migration and diversity, equality and inclusion (DEI) in European cities"
    readonly property string longRoom: "Off-site: Integration Centre Prague (meet at the registration desk)"
    // A whole code, and part of one (the event's codes are at least 40 characters long).
    readonly property string badgeCode: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".repeat(4).slice(0, 120)
    readonly property string partOfACode: "ABCDEFGHIJ"
    // The clock: today at noon, the session tomorrow from 09:00 to 10:30, and while it is on, and
    // after it.
    readonly property string today: "2026-05-12T12:00:00+02:00"
    readonly property string duringTheSession: "2026-05-13T09:30:00+02:00"
    readonly property string afterTheSession: "2026-05-13T11:00:00+02:00"

    // A kiosk in `language` whose server knows only the longest: at a door when `screen.door`
    // says so ({session: id} or {room: name}), with `screen.event` and `screen.sessions` instead of
    // the event's and the session's, on the clock at `screen.time`, and loaded unless
    // `screen.connect` is false.
    function longestKiosk(screen, language) {
        const rig = rigComponent.createObject(root)
        rig.setEvent(Object.assign({ name: "Integrating Cities Conference 2026", shortestCodeLength: 40,
                                     categories: [{ name: "community", label: "Community representative",
                                                    colour: "#2E7D32" }] }, screen.event || {}))
        rig.setDelegate({ id: 1, givenName: longGiven, familyInitial: "V.", displayName: longGiven + " V.",
                          affiliation: "Thessaloniki", organisation: longOrganisation, category: "community",
                          language: "" })
        rig.setSessions(screen.sessions || [{ id: 5, title: longSession, room: longRoom,
                                              start: "2026-05-13T09:00:00+02:00", end: "2026-05-13T10:30:00+02:00" }])
        rig.setStaffBadge({ givenName: longGiven, familyName: longFamily, latinName: "", affiliation: longOrganisation,
                            category: "community" })
        rig.setPrinter({ name: "Zebra_ZD421_entrance_left" })
        if (screen.door && screen.door.session) rig.setSession(screen.door.session)
        if (screen.door && screen.door.room) rig.setRoom(screen.door.room)
        rig.setTime(screen.time || today)
        if (screen.connect !== false) rig.start()
        rig.controller.setLanguage(language)
        return rig
    }

    function tenMatches() {
        const matches = []
        for (let i = 0; i < 10; ++i) {
            matches.push({ id: i + 1, givenName: longGiven, familyInitial: "V.", displayName: longGiven + " V.",
                           affiliation: i % 2 ? "Thessaloniki" : longOrganisation, organisation: longOrganisation,
                           category: "community" })
        }
        return matches
    }
    function scan(rig, code) {
        rig.controller.submitCode(code || badgeCode)
        rig.settle()
    }
    function search(rig, query, matches, more) {
        rig.setSearchMatches(matches, more)
        rig.controller.openSearch()
        rig.controller.search(query)
        rig.settle()
    }
    // The second of ten found, whose organisation and city both show.
    function chooseByName(rig) {
        search(rig, "ma", tenMatches(), false)
        rig.controller.choose(2)
    }
    // Staff mode open on its search, the printer out of paper.
    function openStaff(rig) {
        rig.setPrinter({ status: "paper_out", detail: "media-empty" })
        rig.staff.open()
        rig.staff.submitPin("2468")
        rig.settle()
    }
    function staffPerson(rig) {
        openStaff(rig)
        rig.staff.choose(1)
        rig.settle()
    }
    function staffPinAnswer(rig, answer) {
        rig.setStaffPinAnswer(answer)
        rig.staff.open()
        rig.staff.submitPin("2468")
        rig.settle()
    }

    readonly property var sessionDoor: ({ session: 5 })
    readonly property var roomDoor: ({ room: longRoom })

    // Each screen: a page, the kiosk it shows (see longestKiosk()), what brings that kiosk to the
    // screen, and whether the on-screen keyboard is up on it.
    readonly property var screens: {
        const list = [
            { name: "welcome", page: welcomePage, setup: rig => {} },
            { name: "welcome, connecting", page: welcomePage, connect: false, setup: rig => {} },
            { name: "welcome, out of paper", page: welcomePage, setup: rig => rig.setPrinter({ status: "paper_out" }) },
            { name: "welcome, printer offline", page: welcomePage, setup: rig => rig.setPrinter({ status: "offline" }) },
            { name: "welcome, no search", page: welcomePage, event: { nameProofLength: 0 }, setup: rig => {} },
            { name: "welcome, offline", page: welcomePage, setup: rig => rig.setServerReachable(false) },
            { name: "welcome, offline, out of paper", page: welcomePage,
              setup: rig => { rig.setServerReachable(false); rig.setPrinter({ status: "paper_out" }) } },
            { name: "door welcome, offline", page: welcomePage, door: sessionDoor, time: duringTheSession,
              setup: rig => rig.setServerReachable(false) },
            { name: "session door, not open yet", page: welcomePage, door: sessionDoor, setup: rig => {} },
            { name: "session door, over", page: welcomePage, door: sessionDoor, time: afterTheSession, setup: rig => {} },
            { name: "session door outside_time_window", page: doorPage, door: sessionDoor, setup: rig => scan(rig) },
            { name: "door welcome", page: welcomePage, door: sessionDoor, time: duringTheSession, setup: rig => {} },
            { name: "door welcome, leaving", page: welcomePage, door: sessionDoor, time: duringTheSession,
              setup: rig => rig.controller.setLeaving(true) },
            { name: "door for an unknown session", page: setupProblemPage, door: { session: 123456 }, setup: rig => {} },
            { name: "room door, closed", page: welcomePage, door: roomDoor, setup: rig => {} },
            { name: "room door, closed, none to come", page: welcomePage, door: roomDoor, time: afterTheSession,
              setup: rig => {} },
            { name: "door for an unknown room", page: setupProblemPage, door: roomDoor, sessions: [], setup: rig => {} },
            { name: "door door_closed", page: doorPage, door: roomDoor, setup: rig => scan(rig) },
            { name: "door door_closed, none to come", page: doorPage, door: roomDoor, time: afterTheSession,
              setup: rig => scan(rig) },
            { name: "search", page: searchPage, keyboard: true, setup: rig => rig.controller.openSearch() },
            { name: "search, results", page: searchPage, keyboard: true, setup: rig => search(rig, "ma", tenMatches(), false) },
            { name: "search, more than fit", page: searchPage, keyboard: true,
              setup: rig => search(rig, "ma", tenMatches(), true) },
            { name: "search, nothing found", page: searchPage, keyboard: true, setup: rig => search(rig, "zzz", [], false) },
            { name: "proof", page: proofPage, keyboard: true, setup: rig => { chooseByName(rig); rig.controller.confirm() } },
            { name: "proof, wrong", page: proofPage, keyboard: true,
              setup: rig => {
                  chooseByName(rig)
                  rig.controller.confirm()
                  rig.setCheckInAnswer({ outcome: "WrongProof" })
                  rig.controller.submitProof("abcd")
                  rig.settle()
              } },
            { name: "confirm", page: confirmPage, setup: chooseByName },
            { name: "checking", page: checkingPage, setup: rig => {} },
            { name: "printing", page: printingPage, setup: rig => { rig.setPrinter({ hold: true }); scan(rig) } },
            { name: "done", page: donePage, setup: rig => scan(rig) },
            { name: "done, re-entry", page: donePage,
              setup: rig => { rig.setCheckInAnswer({ reentry: true, badgePrinted: true }); scan(rig) } },
            { name: "problem, unreachable with retry", page: problemPage,
              setup: rig => { rig.setCheckInAnswer({ error: "unreachable" }); scan(rig) } },
            { name: "staff PIN", page: staffPinPage, setup: rig => rig.staff.open() },
            { name: "staff PIN, busy", page: staffPinPage,
              setup: rig => { rig.staff.open(); rig.holdReplies(); rig.staff.submitPin("2468") } },
            { name: "staff search, empty", page: staffPage, keyboard: true, setup: openStaff },
            { name: "staff search, offline", page: staffPage,
              setup: rig => { rig.setConnectionState(true, 12, new Date(2026, 5, 10, 9, 41).getTime()); openStaff(rig) } },
            { name: "staff search", page: staffPage, keyboard: true,
              setup: rig => { openStaff(rig); rig.setSearchMatches(tenMatches()); rig.staff.search("ma"); rig.settle() } },
            { name: "staff person", page: staffPage, setup: staffPerson },
            { name: "staff person, Cyrillic", page: staffPage,
              setup: rig => {
                  rig.setStaffBadge({ givenName: "Олександра", familyName: "Шевченко-Коваленко",
                                      latinName: "Oleksandra Shevchenko-Kovalenko" })
                  staffPerson(rig)
              } },
            { name: "staff person, checked in", page: staffPage,
              setup: rig => {
                  rig.setStaffBadge({ checkedInAt: "2026-05-12T09:14:00+02:00", badgePrinted: true })
                  staffPerson(rig)
              } },
            { name: "staff person, checked in, no badge", page: staffPage,
              setup: rig => { rig.setStaffBadge({ checkedInAt: "2026-05-12T09:14:00+02:00" }); staffPerson(rig) } },
            { name: "staff printing", page: staffPage,
              setup: rig => { staffPerson(rig); rig.setPrinter({ hold: true }); rig.staff.printBadge(); rig.settle() } },
            { name: "staff printed", page: staffPage, setup: rig => { staffPerson(rig); rig.staff.printBadge(); rig.settle() } }
        ]
        // What the server answers a scan at the entrance with, for each problem the page explains.
        const problems = {
            "already_checked_in": { outcome: "AlreadyCheckedIn", previousTime: "2026-05-12T09:14:00+02:00",
                                    badgePrinted: true },
            "cancelled": { outcome: "Cancelled" }, "unknown_code": { outcome: "UnknownCode" },
            "forged_code": { outcome: "ForgedCode" }, "superseded_code": { outcome: "SupersededCode" },
            "printer_failed": {}, "proof_failed": { outcome: "ProofThrottled" },
            "not_registered": { outcome: "NotRegistered" }, "session_full": { outcome: "SessionFull" },
            "outside_time_window": { outcome: "OutsideTimeWindow" }, "not_authorised": { error: "not_authorised" },
            "unreachable": { error: "unreachable" }, "scan_again": {}, "other": { outcome: "Other" }
        }
        for (const key in problems) {
            list.push({ name: "problem " + key, page: problemPage, key: key === "other" ? "help_desk" : key,
                        setup: rig => {
                            rig.setCheckInAnswer(problems[key])
                            if (key === "printer_failed") rig.setPrinter({ fails: true })
                            scan(rig, key === "scan_again" ? partOfACode : badgeCode)
                        } })
        }
        // And at a session's door, for each answer the door gives.
        const answers = {
            "door_admitted": {}, "door_already_in": { outcome: "AlreadyCheckedIn" }, "scan_again": {},
            "door_left": { outcome: "CheckedOut" }, "not_checked_in": { outcome: "NotCheckedIn" },
            "session_full": { outcome: "SessionFull" }, "not_registered": { outcome: "NotRegistered" },
            "outside_time_window": { outcome: "OutsideTimeWindow" }, "cancelled": { outcome: "Cancelled" },
            "unknown_code": { outcome: "UnknownCode" }, "forged_code": { outcome: "ForgedCode" },
            "superseded_code": { outcome: "SupersededCode" }, "unreachable": { error: "unreachable" },
            "other": { outcome: "Other" }
        }
        for (const key in answers) {
            list.push({ name: "door " + key, page: doorPage, door: sessionDoor, time: duringTheSession,
                        key: key === "other" ? "help_desk" : key,
                        setup: rig => {
                            rig.setCheckInAnswer(answers[key])
                            if (key === "door_left") rig.controller.setLeaving(true)
                            scan(rig, key === "scan_again" ? partOfACode : badgeCode)
                        } })
        }
        for (const [key, answer] of [["wrong_pin", "wrong"], ["locked_out", "locked_out"],
                                     ["staff_mode_off", "staff_mode_off"], ["unreachable", "unreachable"],
                                     ["failed", "failed"]]) {
            list.push({ name: "staff PIN " + key, page: staffPinPage, key: key, setup: rig => staffPinAnswer(rig, answer) })
        }
        // Staff mode's problems: the server unreachable, the printer failing, a cancelled or unknown
        // code scanned, and a check-in the server refused.
        list.push({ name: "staff problem unreachable", page: staffPage, key: "unreachable",
                    setup: rig => { openStaff(rig); rig.setStaffBadge({ error: "unreachable" }); rig.staff.choose(1); rig.settle() } })
        list.push({ name: "staff problem print_failed", page: staffPage, key: "print_failed",
                    setup: rig => { staffPerson(rig); rig.setPrinter({ fails: true }); rig.staff.printBadge(); rig.settle() } })
        for (const [key, status] of [["cancelled", "cancelled"], ["unknown_code", "unknown"]]) {
            list.push({ name: "staff problem " + key, page: staffPage, key: key,
                        setup: rig => { openStaff(rig); rig.setScanAnswer(status); rig.staff.submitCode(badgeCode); rig.settle() } })
        }
        list.push({ name: "staff problem other", page: staffPage, key: "failed",
                    setup: rig => {
                        staffPerson(rig)
                        rig.setCheckInAnswer({ outcome: "NotRegistered" })
                        rig.staff.printBadge()
                        rig.settle()
                    } })
        for (const status of ["ok", "offline", "error"]) {
            list.push({ name: "staff printer " + status, page: staffPage,
                        setup: rig => {
                            staffPerson(rig)
                            rig.setPrinter({ status: status, detail: status === "ok" ? "" : "media-empty" })
                        } })
        }
        return list
    }

    // How `rig` is not where `screen` shows it ("" when it is): the page the controller (or staff
    // mode) is on is the screen's page, with the screen's message key where it has one.
    function offItsPage(screen, rig) {
        const controller = rig.controller
        const staff = rig.staff
        const kioskPages = new Map([[welcomePage, [KioskController.Welcome]], [searchPage, [KioskController.Search]],
                                    [proofPage, [KioskController.Proof]], [confirmPage, [KioskController.Confirm]],
                                    [printingPage, [KioskController.Printing]], [donePage, [KioskController.Done]],
                                    [problemPage, [KioskController.Problem]],
                                    [doorPage, [KioskController.Done, KioskController.Problem]]])
        const staffPages = new Map([[staffPinPage, [StaffController.Pin]],
                                    [staffPage, [StaffController.Home, StaffController.Person, StaffController.Printing,
                                                 StaffController.Printed, StaffController.Problem]]])
        if (screen.page === setupProblemPage)
            return controller.setupProblem !== "" ? "" : "no setup problem"
        if (staffPages.has(screen.page)) {
            if (staffPages.get(screen.page).indexOf(staff.page) < 0) return "staff mode on page " + staff.page
            return screen.key && staff.messageKey !== screen.key ? "staff mode says " + staff.messageKey : ""
        }
        if (kioskPages.has(screen.page) && kioskPages.get(screen.page).indexOf(controller.page) < 0)
            return "the kiosk on page " + controller.page
        return screen.key && controller.messageKey !== screen.key ? "the kiosk says " + controller.messageKey : ""
    }

    // `screen`'s page on `rig`'s controllers, `height` high.
    function pageFor(screen, rig, height) {
        const size = { width: root.width, height: height }
        if (screen.page === staffPinPage || screen.page === staffPage)
            return Object.assign(size, { staff: rig.staff })
        if (screen.page === welcomePage)
            return Object.assign(size, { controller: rig.controller, staff: rig.staff })
        return Object.assign(size, { controller: rig.controller })
    }

    TestCase {
        name: "KioskLayout"
        when: windowShown

        function isText(item) { return /^QQuickText(_QML_\d+)?\(/.test(item.toString()) }
        function isButton(item) { return /^BigButton(_QMLTYPE_\d+)?(_QML_\d+)?\(/.test(item.toString()) }
        function isPositioner(item) { return /^QQuick(Row|Column|Grid|Flow)(_QML_\d+)?\(/.test(item.toString()) }

        function describe(item) {
            const text = item.text !== undefined ? String(item.text) : ""
            return (isButton(item) ? "button" : isText(item) ? "text" : item.toString())
                   + (text !== "" ? " \"" + text.slice(0, 60) + "\"" : "")
        }
        function show(r) { return "[" + Math.round(r.x) + ", " + Math.round(r.y) + " " + Math.round(r.width) + "×"
                                  + Math.round(r.height) + "]" }
        function outside(box, bounds, vertically) {
            return box.x < bounds.x - 1 || box.x + box.width > bounds.x + bounds.width + 1
                   || (vertically && (box.y < bounds.y - 1 || box.y + box.height > bounds.y + bounds.height + 1))
        }
        // Where a text's letters are, not its whole box: a centred line leaves its box's edges blank.
        function inkOf(text, page) {
            const box = text.mapToItem(page, 0, 0, text.width, text.height)
            const width = Math.min(text.contentWidth, text.width)
            const left = text.effectiveHorizontalAlignment === Text.AlignHCenter ? (text.width - width) / 2
                       : text.effectiveHorizontalAlignment === Text.AlignRight ? text.width - width : 0
            return Qt.rect(box.x + left, box.y, width, Math.min(text.contentHeight, text.height))
        }
        function contains(outer, inner) {
            for (let item = inner; item; item = item.parent) if (item === outer) return true
            return false
        }

        // What on `page` does not fit, one line each.
        function misfits(page) {
            const found = []
            const marks = []  // Texts and buttons that must not overlap: [item, where].
            const whole = Qt.rect(0, 0, page.width, page.height)
            // `reported`: an item this one is inside of already reaches outside.
            const visit = (item, clipper, reported) => {
                if (!item.visible || item.opacity === 0) return
                const box = item.mapToItem(page, 0, 0, item.width, item.height)
                if (!reported && item.width > 0 && item.height > 0) {
                    // Inside a scrolling list, rows beyond its ends are meant to be out of view.
                    const bounds = clipper ? clipper.mapToItem(page, 0, 0, clipper.width, clipper.height) : whole
                    if (outside(box, bounds, !clipper)) {
                        found.push(describe(item) + " at " + show(box) + " reaches outside " + show(bounds))
                        reported = true
                    }
                }
                if (isText(item) && item.text !== "") {
                    if (item.truncated && item.elide === Text.ElideNone) found.push(describe(item) + " is cut short")
                    if (item.contentWidth > item.width + 1 || item.contentHeight > item.height + 1) {
                        found.push(describe(item) + " needs " + Math.round(item.contentWidth) + "×" + Math.round(item.contentHeight)
                                   + " but has " + Math.round(item.width) + "×" + Math.round(item.height))
                    }
                    const parent = item.parent
                    if (parent && parent !== page && !isPositioner(parent) && parent.width > 0
                        && outside(box, parent.mapToItem(page, 0, 0, parent.width, parent.height), true)) {
                        found.push(describe(item) + " at " + show(box) + " spills out of its " + describe(parent))
                    }
                    if (!isButton(parent)) marks.push([item, inkOf(item, page)])
                }
                if (isButton(item)) marks.push([item, box])
                const inner = item.clip ? item : clipper
                for (let i = 0; i < item.children.length; ++i) visit(item.children[i], inner, reported)
            }
            visit(page, null, false)
            for (let i = 0; i < marks.length; ++i) {
                for (let j = i + 1; j < marks.length; ++j) {
                    const [a, ra] = marks[i]
                    const [b, rb] = marks[j]
                    if (contains(a, b) || contains(b, a)) continue
                    const overlapX = Math.min(ra.x + ra.width, rb.x + rb.width) - Math.max(ra.x, rb.x)
                    const overlapY = Math.min(ra.y + ra.height, rb.y + rb.height) - Math.max(ra.y, rb.y)
                    if (overlapX > 1 && overlapY > 1) found.push(describe(a) + " and " + describe(b) + " overlap")
                }
            }
            return found
        }

        function texts(item) {
            let found = isText(item) && item.text !== "" ? [item.text] : []
            for (let i = 0; i < item.children.length; ++i) found = found.concat(texts(item.children[i]))
            return found
        }

        // The server's default category labels show in the delegate's language; an event's own
        // label shows as the organisers wrote it.
        function test_categoryLabelsShowInTheLanguage() {
            verify(kioskTranslator.use("uk"))
            root.language = "uk"
            const rig = longestKiosk({}, "uk")
            chooseByName(rig)
            const confirm = createTemporaryObject(confirmPage, root, { controller: rig.controller })
            verify(texts(confirm).indexOf("Представник(ця) громади") >= 0, texts(confirm).join(" | "))
            staffPerson(rig)
            const person = createTemporaryObject(staffPage, root, { staff: rig.staff })
            verify(texts(person).indexOf("Представник(ця) громади") >= 0, texts(person).join(" | "))
            const guests = longestKiosk({ event: { categories: [{ name: "community", label: "Mayor's guest",
                                                                  colour: "#2E7D32" }] } }, "uk")
            chooseByName(guests)
            const guest = createTemporaryObject(confirmPage, root, { controller: guests.controller })
            verify(texts(guest).indexOf("Mayor's guest") >= 0, texts(guest).join(" | "))
            // The pages go before the kiosks whose controllers they show.
            for (const item of [confirm, person, guest, rig, guests]) item.destroy()
        }

        // The smallest screen the kiosk is laid out for, and the commonest larger one.
        function test_everyPageFits_data() {
            const rig = rigComponent.createObject(root)
            const languages = rig.controller.languages
            rig.destroy()
            const rows = []
            for (const size of [[1280, 800], [1920, 1080]]) {
                for (const language of languages) {
                    rows.push({ tag: language + " " + size[0] + "×" + size[1], language: language, width: size[0], height: size[1] })
                }
            }
            return rows
        }

        function test_everyPageFits(data) {
            verify(kioskTranslator.use(data.language), "no translation for " + data.language)
            root.language = data.language
            root.width = data.width
            root.height = data.height
            verify(keyboard.height > 100, "the on-screen keyboard has a height")
            const problems = []
            for (const screen of root.screens) {
                const rig = longestKiosk(screen, data.language)
                screen.setup(rig)
                const off = offItsPage(screen, rig)
                if (off !== "") problems.push(screen.name + ": " + off)
                const height = screen.keyboard ? root.height - keyboard.height : root.height
                const page = createTemporaryObject(screen.page, root, pageFor(screen, rig, height))
                verify(page !== null, screen.name)
                waitForRendering(page)
                for (const misfit of misfits(page)) problems.push(screen.name + " (" + root.width + "×" + height + "): " + misfit)
                if (layoutShotsDir !== "") grabImage(page).save(layoutShotsDir + "/" + data.tag + " " + screen.name + ".png")
                page.destroy()
                rig.destroy()
            }
            for (const problem of problems) console.log(data.tag + ", " + problem)
            verify(problems.length === 0, problems.length + " misfits in " + data.tag + ", listed above")
        }
    }
}
