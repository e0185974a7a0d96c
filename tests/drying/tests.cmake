# Drying stage acceptance tests (docs/drying.md lists the measured figures).
set(DRY_DIR ${CMAKE_CURRENT_SOURCE_DIR}/drying)
eproc_unit_test(drying_balances_nmp ${DRY_DIR}/test_drying_balances.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 LABELS drying)
eproc_unit_test(drying_balances_water ${DRY_DIR}/test_drying_balances.c ARGS ${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg 0.50 LABELS drying)
eproc_unit_test(drying_mms ${DRY_DIR}/test_drying_mms.c ARGS -drying_ts_adapt_type none LABELS drying)
eproc_unit_test(drying_wetbulb ${DRY_DIR}/test_drying_wetbulb.c ARGS ${DRY_DIR}/wetbulb_nmp.cfg LABELS drying)
eproc_unit_test(drying_wetbulb_water ${DRY_DIR}/test_drying_wetbulb.c ARGS ${DRY_DIR}/wetbulb_nmp.cfg --set electrode.solvent=water --set convective_drying.zones.[0].air_temperature_C=60 --set convective_drying.zones.[0].air_solvent_mole_fraction=0.01 LABELS drying)
# The energy ledger against hand calculations, and its response to the keys (docs/energy_wet.md).
eproc_unit_test(drying_ledger_hand ${DRY_DIR}/test_drying_ledger.c ARGS hand LABELS drying)
eproc_unit_test(drying_ledger_items_nmp ${DRY_DIR}/test_drying_ledger.c ARGS items ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 LABELS drying)
eproc_unit_test(drying_ledger_items_water ${DRY_DIR}/test_drying_ledger.c ARGS items ${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg 0.50 LABELS drying)
eproc_unit_test(drying_ledger_items_variants ${DRY_DIR}/test_drying_ledger.c ARGS items ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 --set convective_drying.air_cascade_fraction=0.5 --set convective_drying.air_relative_humidity_percent=60 --set convective_drying.heat_recovery_efficiency=0.3 LABELS drying)
eproc_unit_test(drying_ledger_items_fixed ${DRY_DIR}/test_drying_ledger.c ARGS items ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 --set convective_drying.exhaust_air_rule=fixed_vapour_fraction --set convective_drying.zones.[0].air_solvent_mole_fraction=0.003 --set convective_drying.zones.[1].air_solvent_mole_fraction=0.003 --set convective_drying.zones.[2].air_solvent_mole_fraction=0.003 --set convective_drying.zones.[3].air_solvent_mole_fraction=0.003 --set convective_drying.zones.[4].air_solvent_mole_fraction=0.0015 --set convective_drying.zones.[5].air_solvent_mole_fraction=0.0005 LABELS drying)
eproc_unit_test(drying_ledger_nmp ${DRY_DIR}/test_drying_ledger.c ARGS nmp ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg LABELS drying)
eproc_unit_test(drying_ledger_water ${DRY_DIR}/test_drying_ledger.c ARGS water ${CMAKE_SOURCE_DIR}/cases/water_graphite.cfg LABELS drying)
eproc_unit_test(drying_grid ${DRY_DIR}/test_drying_grid.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 grid 30 LABELS drying)
eproc_unit_test(drying_trend ${DRY_DIR}/test_drying_grid.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 trend LABELS drying)
eproc_unit_test(drying_balances_nmp ${DRY_DIR}/test_drying_balances.c ARGS ${CMAKE_SOURCE_DIR}/cases/nmp_nmc811.cfg 0.70 NPROCS 2 LABELS drying)
# The shipped wet cases through the CLI (summary ranges, balances, 1 vs 2 ranks): tests/cases/.
