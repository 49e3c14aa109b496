from rashomon.cli.app import main

main()
