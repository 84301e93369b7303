package io.github.exha.exchange.config;

/** Whether a database holds mailboxes or public folders. */
public enum DatabaseKind {
    /** A mailbox database ({@code Get-MailboxDatabase}). */
    MAILBOX,
    /** A public folder database ({@code Get-PublicFolderDatabase}). */
    PUBLIC_FOLDER
}
