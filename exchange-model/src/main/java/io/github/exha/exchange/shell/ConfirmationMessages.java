package io.github.exha.exchange.shell;

/**
 * The sentences EMS's cmdlets confirm with and write after {@code What if:} (their {@code ConfirmationMessage}), for
 * {@link io.github.exha.core.command.CommandContext#shouldProcess(String, String, String)}. Only sentences known
 * from Exchange 2007 are here; a cmdlet whose sentence is not known keeps PowerShell's generic
 * {@code Performing operation "<verb>" on Target "<identity>".} rather than an invented one.
 */
final class ConfirmationMessages {
    private ConfirmationMessages() {
    }

    /** {@code Dismount-Database}'s: EMS warns that the mailboxes become unavailable. */
    static String dismountDatabase(String databaseIdentity) {
        return "Dismounting database \"" + databaseIdentity + "\". This may result in reduced availability for "
                + "mailboxes in the database.";
    }

    /**
     * {@code Remove-Mailbox}'s: it names the mailbox by its canonical name ({@code contoso.com/Users/Paul
     * Cunningham}) and says that the user object goes too, which is what surprises administrators who meant
     * Disable-Mailbox.
     */
    static String removeMailbox(String canonicalName) {
        return "Removing the Mailbox \"" + canonicalName + "\" will remove the Windows user object and mark the "
                + "mailbox in the database for removal.";
    }
}
