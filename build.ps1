#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Holler build script (PowerShell twin of build.sh; keep the two in step — a test checks their targets).

.DESCRIPTION
    ./build.ps1 <target> [extra args passed on to dotnet]

    Targets:
      build   dotnet build the solution (Release)
      test    dotnet test the solution (Release), TRX into artifacts/test-results/,
              then one closing line: "N passed, N failed, N skipped"
      bench   holler bench (Release); bench --micro runs the BenchmarkDotNet micro-benchmarks
      pack    dotnet pack Holler.Host into artifacts/packages/
      help    this text (also with no target)

.EXAMPLE
    ./build.ps1 test --filter "FullyQualifiedName~Holler.Tests.Build"
#>
param(
    [Parameter(Position = 0)]
    [string]$Target = 'help',

    [Parameter(ValueFromRemainingArguments = $true)]
    $Rest
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# A native command's exit code is checked by hand below; it must not throw (PowerShell 7.3+ setting).
$PSNativeCommandUseErrorActionPreference = $false

$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

$Root = $PSScriptRoot
Set-Location -LiteralPath $Root

$Solution = 'Holler.sln'
$Configuration = 'Release'
$Artifacts = Join-Path $Root 'artifacts'
$TestResults = Join-Path $Artifacts 'test-results'
$Packages = Join-Path $Artifacts 'packages'

# Extra arguments for dotnet, always as a flat string array (possibly empty).
$Extra = @()
if ($null -ne $Rest) {
    $Extra = @($Rest | ForEach-Object { [string]$_ })
}

function Show-Usage {
    @'
Usage: ./build.ps1 <target> [extra args passed on to dotnet]

Targets:
  build   dotnet build the solution (Release)
  test    dotnet test the solution (Release); TRX files in artifacts/test-results/;
          prints "N passed, N failed, N skipped" as its last line
  bench   dotnet run holler bench (Release); args go to `holler bench`;
          bench --micro runs the BenchmarkDotNet micro-benchmarks (Holler.Benchmarks)
  pack    dotnet pack Holler.Host into artifacts/packages/
  help    show this text

Examples:
  ./build.ps1 test --filter "FullyQualifiedName~Holler.Tests.Build"
  ./build.ps1 bench --scenarios engine --duration 30s
  ./build.ps1 bench --micro --filter '*Parser*'
'@ | Write-Output
}

# Reads one integer attribute of a TRX <Counters> element (0 when absent).
function Get-CounterValue {
    param($Element, [string]$Name)
    $value = $Element.GetAttribute($Name)
    if ([string]::IsNullOrEmpty($value)) { return 0 }
    return [int]$value
}

# Sums the <Counters> of every TRX file given; returns @{ Passed; Failed; Skipped }.
function Get-TrxSummary {
    param([string[]]$Files)
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($file in $Files) {
        [xml]$trx = Get-Content -LiteralPath $file -Raw
        foreach ($counters in $trx.GetElementsByTagName('Counters')) {
            $passed += Get-CounterValue $counters 'passed'
            $failed += Get-CounterValue $counters 'failed'
            $failed += Get-CounterValue $counters 'error'
            $failed += Get-CounterValue $counters 'timeout'
            $failed += Get-CounterValue $counters 'aborted'
            # VSTest counts a skipped test in total but not in executed (its notExecuted stays 0);
            # take whichever of the two ways says more, never both.
            $notRun = (Get-CounterValue $counters 'total') - (Get-CounterValue $counters 'executed')
            $notExecuted = Get-CounterValue $counters 'notExecuted'
            if ($notExecuted -gt $notRun) { $notRun = $notExecuted }
            $skipped += $notRun
        }
    }
    return [pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped }
}

# Names every failed test of the TRX files given, with the first lines of its message, so the end of a CI log
# says what failed even when only its tail is kept.
function Write-TrxFailures {
    param([string[]]$Files)
    foreach ($file in $Files) {
        [xml]$trx = Get-Content -LiteralPath $file -Raw
        foreach ($result in $trx.GetElementsByTagName('UnitTestResult')) {
            if ($result.outcome -notin @('Failed', 'Error', 'Timeout', 'Aborted')) { continue }
            Write-Host "FAILED $($result.testName)"
            $message = $result.GetElementsByTagName('Message') | Select-Object -First 1
            if ($message) {
                $message.InnerText -split "`n" | Select-Object -First 12 | ForEach-Object { Write-Host "    $_" }
            }
        }
    }
}

function Invoke-Build {
    $arguments = @('build', $Solution, '-c', $Configuration) + $Extra
    & dotnet @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Test {
    if (Test-Path -LiteralPath $TestResults) {
        Remove-Item -LiteralPath $TestResults -Recurse -Force
    }
    New-Item -ItemType Directory -Path $TestResults -Force | Out-Null
    # The OpenID provider the dashboard's sign-in test starts (tools/oidc-test-provider), from its lock file.
    & npm ci --prefix tools/oidc-test-provider --no-audit --no-fund --loglevel=error
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }

    $arguments = @('test', $Solution, '-c', $Configuration,
        '--results-directory', $TestResults,
        '--logger', 'trx',
        '--logger', 'console;verbosity=normal') + $Extra
    & dotnet @arguments
    $code = $LASTEXITCODE

    $trxFiles = @(Get-ChildItem -LiteralPath $TestResults -Filter '*.trx' -File | ForEach-Object { $_.FullName })
    if ($trxFiles.Count -eq 0) {
        Write-Host "build.ps1: no TRX file in $TestResults (dotnet test exited $code)"
        Write-Output '0 passed, 0 failed, 0 skipped'
        if ($code -ne 0) { exit $code }
        exit 1
    }

    $summary = Get-TrxSummary $trxFiles
    if ($summary.Failed -ne 0) {
        Write-TrxFailures $trxFiles
    }
    if ($code -ne 0) {
        Write-Host "build.ps1: dotnet test exited $code"
    }
    elseif ($summary.Failed -ne 0) {
        Write-Host "build.ps1: $($summary.Failed) test(s) failed"
        $code = 1
    }
    elseif ($summary.Passed -eq 0) {
        Write-Host 'build.ps1: no test passed (0 tests ran?)'
        $code = 1
    }
    Write-Output ('{0} passed, {1} failed, {2} skipped' -f $summary.Passed, $summary.Failed, $summary.Skipped)
    if ($code -ne 0) { exit $code }
}

function Invoke-Bench {
    if ($Extra.Count -gt 0 -and $Extra[0] -eq '--micro') {
        # BenchmarkDotNet micro-benchmarks; with no arguments, all of them (e.g. --filter '*Parser*' for one class).
        $rest = @($Extra | Select-Object -Skip 1)
        if ($rest.Count -eq 0) { $rest = @('--filter', '*') }
        $arguments = @('run', '-c', $Configuration, '--project', 'Holler.Benchmarks', '--') + $rest
    }
    else {
        $arguments = @('run', '-c', $Configuration, '--project', 'Holler.Host', '--', 'bench') + $Extra
    }
    & dotnet @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Pack {
    New-Item -ItemType Directory -Path $Packages -Force | Out-Null
    $arguments = @('pack', (Join-Path 'Holler.Host' 'Holler.Host.csproj'), '-c', $Configuration, '-o', $Packages) + $Extra
    & dotnet @arguments
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Target) {
    'build' { Invoke-Build; break }
    'test' { Invoke-Test; break }
    'bench' { Invoke-Bench; break }
    'pack' { Invoke-Pack; break }
    'help' { Show-Usage; break }
    default {
        Write-Host "build.ps1: unknown target '$Target'"
        Show-Usage
        exit 2
    }
}
