<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Category</name>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Delegate</source>
        <translation>Delegado/a</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="18"/>
        <source>Speaker</source>
        <translation>Ponente</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>City official</source>
        <translation>Representante municipal</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="19"/>
        <source>Community representative</source>
        <translation>Representante de la comunidad</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Press</source>
        <translation>Prensa</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="20"/>
        <source>Staff</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <location filename="../src/badge_data.cpp" line="21"/>
        <source>Partner</source>
        <translation>Colaborador/a</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="22"/>
        <source>Is this you?</source>
        <translation>¿Es usted?</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="77"/>
        <source>Yes, print my badge</source>
        <translation>Sí, imprimir mi acreditación</translation>
    </message>
    <message>
        <location filename="../qml/ConfirmPage.qml" line="78"/>
        <source>No, this is not me</source>
        <translation>No, no soy yo</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Welcome back!</source>
        <translation>¡Bienvenido/a de nuevo!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="30"/>
        <source>Please take your badge.</source>
        <translation>Recoja su acreditación, por favor.</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="39"/>
        <source>%1, you are checked in. Enjoy the conference!</source>
        <translation>%1, su registro se ha completado. ¡Disfrute de la conferencia!</translation>
    </message>
    <message>
        <location filename="../qml/DonePage.qml" line="45"/>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
</context>
<context>
    <name>DoorPage</name>
    <message>
        <location filename="../qml/DoorPage.qml" line="21"/>
        <source>Welcome in</source>
        <translation>Bienvenido/a, adelante</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="22"/>
        <source>Goodbye</source>
        <translation>Hasta pronto</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="23"/>
        <source>You are already in</source>
        <translation>Ya está dentro</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="24"/>
        <source>Please scan again</source>
        <translation>Escanee de nuevo, por favor</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="25"/>
        <source>Not checked in to this session</source>
        <translation>Sin registro de entrada en esta sesión</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="26"/>
        <source>Session full</source>
        <translation>Sesión completa</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="27"/>
        <source>Not registered for this session</source>
        <translation>Sin inscripción en esta sesión</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="28"/>
        <source>Not open now</source>
        <translation>Ahora no está abierta</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="29"/>
        <source>Already checked in</source>
        <translation>Entrada ya registrada</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="30"/>
        <source>This registration is cancelled</source>
        <translation>Esta inscripción está cancelada</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="31"/>
        <source>We do not know this code</source>
        <translation>No reconocemos este código</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="32"/>
        <source>This code is not valid</source>
        <translation>Este código no es válido</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="33"/>
        <source>This code has been replaced</source>
        <translation>Este código ha sido sustituido</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="34"/>
        <source>The check-in server cannot be reached</source>
        <translation>No hay conexión con el servidor de registro</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="35"/>
        <source>No session in this room now</source>
        <translation>Ahora no hay ninguna sesión en esta sala</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="36"/>
        <source>Please ask the staff at the door</source>
        <translation>Pregunte al personal de la puerta</translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>This session is over.</source>
        <translation>Esta sesión ha terminado.</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="47"/>
        <source>Check-in for the next session opens %n minute(s) before it starts.</source>
        <translation>
            <numerusform>El registro para la siguiente sesión se abre %n minuto antes de que empiece.</numerusform>
            <numerusform>El registro para la siguiente sesión se abre %n minutos antes de que empiece.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/DoorPage.qml" line="49"/>
        <source>Check-in opens %n minute(s) before the session starts.</source>
        <translation>
            <numerusform>El registro se abre %n minuto antes de que empiece la sesión.</numerusform>
            <numerusform>El registro se abre %n minutos antes de que empiece la sesión.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/DoorPage.qml" line="45"/>
        <source>There are no more sessions in this room.</source>
        <translation>No hay más sesiones en esta sala.</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../qml/Main.qml" line="20"/>
        <source>Lanyard check-in</source>
        <translation>Lanyard – registro</translation>
    </message>
</context>
<context>
    <name>PrintingPage</name>
    <message>
        <location filename="../qml/PrintingPage.qml" line="30"/>
        <source>Printing your badge…</source>
        <translation>Imprimiendo su acreditación…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="28"/>
        <source>One moment, please…</source>
        <translation>Un momento, por favor…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="29"/>
        <source>Printing your badge, %1…</source>
        <translation>Imprimiendo su acreditación, %1…</translation>
    </message>
    <message>
        <location filename="../qml/PrintingPage.qml" line="40"/>
        <source>Your badge will come out of the printer below.</source>
        <translation>Su acreditación saldrá por la impresora de abajo.</translation>
    </message>
</context>
<context>
    <name>ProblemPage</name>
    <message>
        <location filename="../qml/ProblemPage.qml" line="13"/>
        <source>You are already checked in</source>
        <translation>Ya se ha registrado</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="14"/>
        <source>Please scan again</source>
        <translation>Escanee de nuevo, por favor</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="15"/>
        <source>This registration is cancelled</source>
        <translation>Esta inscripción está cancelada</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="16"/>
        <source>We do not know this code</source>
        <translation>No reconocemos este código</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="17"/>
        <source>This code is not valid</source>
        <translation>Este código no es válido</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="18"/>
        <source>This code has been replaced</source>
        <translation>Este código ha sido sustituido</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="19"/>
        <source>Your badge could not be printed</source>
        <translation>No se ha podido imprimir su acreditación</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="20"/>
        <source>We could not confirm it is you</source>
        <translation>No hemos podido confirmar su identidad</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="21"/>
        <source>You are not registered for this session</source>
        <translation>No tiene inscripción en esta sesión</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="22"/>
        <source>This session is full</source>
        <translation>Esta sesión está completa</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="23"/>
        <source>This session is not open now</source>
        <translation>Esta sesión no está abierta ahora</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="24"/>
        <source>This kiosk is not allowed to check in</source>
        <translation>Este quiosco no tiene permiso para registrar</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="25"/>
        <source>The check-in server cannot be reached</source>
        <translation>No hay conexión con el servidor de registro</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="26"/>
        <source>Something went wrong</source>
        <translation>Algo ha salido mal</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="33"/>
        <source>Checked in: %1. For a second badge, please go to the help desk.</source>
        <translation>Registro: %1. Para una segunda acreditación, acuda al mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="34"/>
        <source>For a second badge, please go to the help desk.</source>
        <translation>Para una segunda acreditación, acuda al mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="35"/>
        <source>A newer badge was issued for you. Please scan the newest code or go to the help desk.</source>
        <translation>Se le ha emitido una acreditación más reciente. Escanee el código más reciente o acuda al mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="36"/>
        <source>Only part of the code was read. Hold it still under the scanner, a hand&apos;s width away.</source>
        <translation>Solo se leyó parte del código. Manténgalo quieto bajo el escáner, a un palmo de distancia.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="37"/>
        <source>You are checked in. Please go to the help desk for your badge.</source>
        <translation>Su registro se ha completado. Recoja su acreditación en el mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="38"/>
        <source>Please try again in a moment, or go to the help desk.</source>
        <translation>Inténtelo de nuevo en un momento o acuda al mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="39"/>
        <source>Please go to the help desk with an ID. We will print your badge there.</source>
        <translation>Acuda al mostrador de información con un documento de identidad. Allí imprimiremos su acreditación.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="40"/>
        <source>Please ask the staff at the door about other sessions.</source>
        <translation>Pregunte al personal de la puerta por otras sesiones.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="41"/>
        <source>Please go to the help desk. We will help you there.</source>
        <translation>Acuda al mostrador de información. Allí le ayudaremos.</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="75"/>
        <source>Try again</source>
        <translation>Intentar de nuevo</translation>
    </message>
    <message>
        <location filename="../qml/ProblemPage.qml" line="76"/>
        <source>Start over</source>
        <translation>Volver a empezar</translation>
    </message>
</context>
<context>
    <name>ProofPage</name>
    <message>
        <location filename="../qml/ProofPage.qml" line="30"/>
        <source>%1, please confirm it is you</source>
        <translation>%1, confirme que es usted</translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="38"/>
        <source>Type the first %n letter(s) of the e-mail address you registered with.</source>
        <translation>
            <numerusform>Escriba la primera letra del correo electrónico con el que se inscribió.</numerusform>
            <numerusform>Escriba las primeras %n letras del correo electrónico con el que se inscribió.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../qml/ProofPage.qml" line="47"/>
        <source>That does not match. %n try/tries left.</source>
        <translation>
            <numerusform>No coincide. Le queda %n intento.</numerusform>
            <numerusform>No coincide. Le quedan %n intentos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="80"/>
        <source>Check in</source>
        <translation>Registrarme</translation>
    </message>
    <message>
        <location filename="../qml/ProofPage.qml" line="88"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>ReadingIndicator</name>
    <message>
        <location filename="../qml/ReadingIndicator.qml" line="21"/>
        <source>Reading…</source>
        <translation>Leyendo…</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../qml/SearchPage.qml" line="26"/>
        <source>Find your name</source>
        <translation>Busque su nombre</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="42"/>
        <source>Type your first or last name</source>
        <translation>Escriba su nombre o apellido</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="60"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="69"/>
        <source>More names match than fit here: type more letters of your name.</source>
        <translation>Coinciden más nombres de los que caben aquí: escriba más letras de su nombre.</translation>
    </message>
    <message>
        <location filename="../qml/SearchPage.qml" line="103"/>
        <source>No name found yet. Try fewer letters, or go to the help desk.</source>
        <translation>Aún no hay ningún nombre. Pruebe con menos letras o acuda al mostrador de información.</translation>
    </message>
</context>
<context>
    <name>SetupProblemPage</name>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="15"/>
        <source>This door is set up for session %1, which the event does not have.</source>
        <translation>Esta puerta está configurada para la sesión %1, que no existe en el evento.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="17"/>
        <source>This door is set up for the room “%1”, which no session of the event uses.</source>
        <translation>Esta puerta está configurada para la sala «%1», que no usa ninguna sesión del evento.</translation>
    </message>
    <message>
        <location filename="../qml/SetupProblemPage.qml" line="46"/>
        <source>Please call staff.</source>
        <translation>Avise al personal, por favor.</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../qml/StaffPage.qml" line="19"/>
        <source>Printer ready</source>
        <translation>Impresora lista</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="20"/>
        <source>Printer out of paper</source>
        <translation>Impresora sin papel</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="21"/>
        <source>Printer offline</source>
        <translation>Impresora desconectada</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="22"/>
        <source>Printer error</source>
        <translation>Error de impresora</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="26"/>
        <source>No copy yet</source>
        <translation>Aún no hay copia</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="27"/>
        <source>Copy from %1</source>
        <translation>Copia de las %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="31"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>No hay conexión con el servidor de registro. Inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="32"/>
        <source>The badge could not be printed. Check the printer, then try again.</source>
        <translation>No se ha podido imprimir la acreditación. Revise la impresora y vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="33"/>
        <source>This registration is cancelled: no badge.</source>
        <translation>Esta inscripción está cancelada: sin acreditación.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="34"/>
        <source>This code belongs to no delegate.</source>
        <translation>Este código no pertenece a ninguna persona inscrita.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="35"/>
        <source>That did not work. Please try again, or use the admin tools.</source>
        <translation>No ha funcionado. Inténtelo de nuevo o use las herramientas de administración.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Offline: using this kiosk&apos;s copy</source>
        <translation>Sin conexión: copia de este quiosco</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="115"/>
        <source>Online</source>
        <translation>En línea</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="116"/>
        <source>Waiting for upload: %1</source>
        <translation>Pendientes de envío: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="97"/>
        <source>Leave staff mode</source>
        <translation>Salir del modo personal</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="144"/>
        <source>Name of the delegate</source>
        <translation>Nombre de la persona</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="162"/>
        <source>Find a delegate by name, or scan their badge or confirmation code. A walk-in must first be added at the help desk.</source>
        <translation>Busque a una persona por su nombre o escanee su acreditación o código de confirmación. Quien llegue sin inscripción debe darse de alta primero en el mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="256"/>
        <source>Checked in: %1.</source>
        <translation>Registro: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="257"/>
        <source>Not checked in yet.</source>
        <translation>Aún sin registrar.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="258"/>
        <source>A badge was printed before.</source>
        <translation>Ya se imprimió una acreditación.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="259"/>
        <source>No badge printed yet.</source>
        <translation>Aún no se ha impreso ninguna acreditación.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="271"/>
        <source>Notes: %1</source>
        <translation>Notas: %1</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="281"/>
        <source>The code scanned is from an old badge, which no longer works.</source>
        <translation>El código escaneado es de una acreditación antigua, que ya no sirve.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="291"/>
        <source>Check in and print badge</source>
        <translation>Registrar e imprimir la acreditación</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge again</source>
        <translation>Volver a imprimir la acreditación</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="292"/>
        <source>Print badge</source>
        <translation>Imprimir la acreditación</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="294"/>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="313"/>
        <source>Printing the badge of %1…</source>
        <translation>Imprimiendo la acreditación: %1…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="314"/>
        <source>The badge of %1 is printed.</source>
        <translation>Acreditación impresa: %1.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPage.qml" line="325"/>
        <source>Next delegate</source>
        <translation>Siguiente persona</translation>
    </message>
</context>
<context>
    <name>StaffPinPage</name>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="53"/>
        <source>Staff mode</source>
        <translation>Modo personal</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="64"/>
        <source>Wrong PIN. Please try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="65"/>
        <source>Too many wrong PINs. This kiosk is locked for staff for a while.</source>
        <translation>Demasiados PIN incorrectos. El modo personal de este quiosco queda bloqueado durante un tiempo.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="66"/>
        <source>This event has no staff PIN. An admin can set one.</source>
        <translation>Este evento no tiene PIN de personal. Un administrador puede establecerlo.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="67"/>
        <source>The check-in server cannot be reached. Please try again in a moment.</source>
        <translation>No hay conexión con el servidor de registro. Inténtelo de nuevo en un momento.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="68"/>
        <source>Staff mode could not be opened. Please try again.</source>
        <translation>No se ha podido abrir el modo personal. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="69"/>
        <source>Enter the staff PIN.</source>
        <translation>Introduzca el PIN de personal.</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="97"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../qml/StaffPinPage.qml" line="117"/>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../qml/WelcomePage.qml" line="27"/>
        <source>Staff</source>
        <translation>Personal</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="65"/>
        <source>The badge printer is out of paper. You can still check in; collect your badge at the help desk.</source>
        <translation>La impresora de acreditaciones no tiene papel. Puede registrarse igualmente; recoja su acreditación en el mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="66"/>
        <source>The badge printer is not working. You can still check in; collect your badge at the help desk.</source>
        <translation>La impresora de acreditaciones no funciona. Puede registrarse igualmente; recoja su acreditación en el mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="91"/>
        <source>Connecting to the server…</source>
        <translation>Conectando con el servidor…</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="103"/>
        <source>Welcome!</source>
        <translation>¡Bienvenido/a!</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>No session in this room now</source>
        <translation>Ahora no hay ninguna sesión en esta sala</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="149"/>
        <source>Next: %1 at %2</source>
        <translation>A continuación: %1 a las&#xa0;%2</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="146"/>
        <source>There are no more sessions in this room.</source>
        <translation>No hay más sesiones en esta sala.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="44"/>
        <source>This kiosk is offline: please use another kiosk or the help desk.</source>
        <translation>Este quiosco no tiene conexión: use otro quiosco o el mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="133"/>
        <source>This session is not open now</source>
        <translation>Esta sesión no está abierta ahora</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="147"/>
        <source>This session is over.</source>
        <translation>Esta sesión ha terminado.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="151"/>
        <source>%1 starts at %2.</source>
        <translation>%1 empieza a las %2.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="175"/>
        <source>Scan your badge to leave.</source>
        <translation>Escanee su acreditación para salir.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="176"/>
        <source>Scan your badge to enter.</source>
        <translation>Escanee su acreditación para entrar.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="177"/>
        <source>Scan the QR code from your confirmation e-mail under the scanner.</source>
        <translation>Coloque bajo el escáner el código QR de su correo de confirmación.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="189"/>
        <source>No QR code? Please go to the help desk.</source>
        <translation>¿No tiene código QR? Acuda al mostrador de información.</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="197"/>
        <source>No QR code? Find your name</source>
        <translation>¿Sin código QR? Busque su nombre</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am entering</source>
        <translation>Voy a entrar</translation>
    </message>
    <message>
        <location filename="../qml/WelcomePage.qml" line="208"/>
        <source>I am leaving</source>
        <translation>Voy a salir</translation>
    </message>
</context>
</TS>
