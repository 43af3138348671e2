from kg.synth import main

main()
