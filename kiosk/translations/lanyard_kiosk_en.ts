<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="20"/>
        <source>Is this you?</source>
        <translation>Is this you?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="68"/>
        <source>Yes, print my badge</source>
        <translation>Yes, print my badge</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="72"/>
        <source>No, this is not me</source>
        <translation>No, this is not me</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="28"/>
        <source>Welcome back!</source>
        <translation>Welcome back!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="28"/>
        <source>Please take your badge.</source>
        <translation>Please take your badge.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="37"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, you are checked in. Enjoy the conference!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="43"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="14"/>
        <source>Welcome in</source>
        <translation>Welcome in</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="15"/>
        <source>Session full</source>
        <translation>Session full</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="16"/>
        <source>Not registered for this session</source>
        <translation>Not registered for this session</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="17"/>
        <source>Not open now</source>
        <translation>Not open now</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="18"/>
        <source>Already checked in</source>
        <translation>Already checked in</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="19"/>
        <source>This registration is cancelled</source>
        <translation>This registration is cancelled</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="20"/>
        <source>We do not know this code</source>
        <translation>We do not know this code</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>This code is not valid</source>
        <translation>This code is not valid</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>This code has been replaced</source>
        <translation>This code has been replaced</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>The check-in server cannot be reached</source>
        <translation>The check-in server cannot be reached</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please ask the staff at the door</source>
        <translation>Please ask the staff at the door</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="19"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard check-in</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="20"/>
        <source>Printing your badge…</source>
        <translation>Printing your badge…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="20"/>
        <source>One moment, please…</source>
        <translation>One moment, please…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Your badge will come out of the printer below.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="12"/>
        <source>You are already checked in</source>
        <translation>You are already checked in</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>This registration is cancelled</source>
        <translation>This registration is cancelled</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>We do not know this code</source>
        <translation>We do not know this code</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This code is not valid</source>
        <translation>This code is not valid</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>This code has been replaced</source>
        <translation>This code has been replaced</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>Your badge could not be printed</source>
        <translation>Your badge could not be printed</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>We could not confirm it is you</source>
        <translation>We could not confirm it is you</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>You are not registered for this session</source>
        <translation>You are not registered for this session</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>This session is full</source>
        <translation>This session is full</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>This session is not open now</source>
        <translation>This session is not open now</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>This kiosk is not allowed to check in</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>The check-in server cannot be reached</source>
        <translation>The check-in server cannot be reached</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="31"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Checked in: %1. For a second badge, please go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="32"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>For a second badge, please go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>A newer badge was issued for you. Please scan the newest code or go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>You are checked in. Please go to the help desk for your badge.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Please try again in a moment, or go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>Please go to the help desk with an ID. We will print your badge there.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>Please ask the staff at the door about other sessions.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Please go to the help desk. We will help you there.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="73"/>
        <source>Try again</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="78"/>
        <source>Start over</source>
        <translation>Start over</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="25"/>
        <source>%1, please confirm it is you</source>
        <translation>%1, please confirm it is you</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="33"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>Type the first letter of the e-mail address you registered with.</numerusform>
            <numerusform>Type the first %n letters of the e-mail address you registered with.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="42"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>That does not match. %n try left.</numerusform>
            <numerusform>That does not match. %n tries left.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="70"/>
        <source>Check in</source>
        <translation>Check in</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="76"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="22"/>
        <source>Find your name</source>
        <translation>Find your name</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="37"/>
        <source>Type your first or last name</source>
        <translation>Type your first or last name</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="55"/>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="84"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>No name found yet. Try fewer letters, or go to the help desk.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="25"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="26"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>The badge printer is not working. You can still check in; collect your badge at the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="47"/>
        <source>Connecting to the server…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="58"/>
        <source>Welcome!</source>
        <translation>Welcome!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="67"/>
        <source>Scan your badge to enter.</source>
        <translation>Scan your badge to enter.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="68"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Scan the QR code from your confirmation e-mail under the scanner.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="77"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>No QR code? Please go to the help desk.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="85"/>
        <source>No QR code? Find your name</source>
        <translation>No QR code? Find your name</translation>
    </message>
</context>
</TS>
