/** Commands every lab has: Start-Sleep, Enter-PSSession, Exit-PSSession, Format-List, Format-Table, Get-Date, Write-Host. */
package io.github.exha.core.command.builtin;
