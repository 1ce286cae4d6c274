// Package print puts the desk's books on paper: the copy of a letter for each
// recipient, the control card (or cover sheet), the courier's receipt sheet,
// the agenda book and the monthly service report, as PDF; the agenda book and
// the report also as spreadsheets (.xlsx and .csv); and a spooler that saves
// every document in a folder before sending it to a printer through CUPS's lp
// or a configured print command.
//
// Documents speak Indonesian unless Options.Lang says "en", and print any
// text a message can carry with the Go fonts compiled into the binary (see
// fonts/LICENSE): characters the fonts lack print as a visible placeholder.
// It is the only package that imports gofpdf.
package print
