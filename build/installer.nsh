; Windows: "Open with Orgport" for .csv and .xlsx (issue 9), included by electron-builder.yml (nsis.include).
; electron-builder's own fileAssociations would also set Orgport as the default program of these types and,
; after an uninstall, leave them pointing at a program that is gone. People who open CSV files in Excel
; must keep doing so by double-click, so Orgport only joins each type's "Open with" list (OpenWithProgids)
; and the uninstaller removes exactly what was added. SHELL_CONTEXT is the per-user or per-machine hive
; electron-builder chose; $appExe is the installed Orgport.exe.

!macro orgportOpenWith EXT DESCRIPTION
  WriteRegStr SHELL_CONTEXT "Software\Classes\Orgport.${EXT}" "" "${DESCRIPTION}"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Orgport.${EXT}\DefaultIcon" "" "$appExe,0"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Orgport.${EXT}\shell\open" "" "Open with Orgport"
  WriteRegStr SHELL_CONTEXT "Software\Classes\Orgport.${EXT}\shell\open\command" "" '"$appExe" "%1"'
  WriteRegNone SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "Orgport.${EXT}"
!macroend

!macro orgportForgetOpenWith EXT
  DeleteRegValue SHELL_CONTEXT "Software\Classes\.${EXT}\OpenWithProgids" "Orgport.${EXT}"
  DeleteRegKey SHELL_CONTEXT "Software\Classes\Orgport.${EXT}"
!macroend

!macro customInstall
  !insertmacro orgportOpenWith "csv" "CSV spreadsheet"
  !insertmacro orgportOpenWith "xlsx" "Excel workbook"
  ; Tells Explorer the associations changed, so the menu shows Orgport without a sign-out.
  System::Call 'shell32::SHChangeNotify(i, i, i, i) v (0x08000000, 0, 0, 0)'
!macroend

!macro customUnInstall
  !insertmacro orgportForgetOpenWith "csv"
  !insertmacro orgportForgetOpenWith "xlsx"
!macroend
