/** Exchange 2007 setup ({@code setup.com}): installing the roles and creating, removing and recovering CMSs. */
package io.github.exha.exchange.setup;
