"""Rebuild the built-in templates: `python -m templates._build` from the repository root."""
from pathlib import Path

from . import blocks, district, evaluation, kit, prefecture, project, provincial

OUT = Path(__file__).resolve().parent.parent


def main() -> None:
    for name, build in blocks.BLOCKS.items():
        kit.save(build(), OUT / "blocks" / f"{name}.docx")
    kit.save(project.self_evaluation_block(), OUT / "blocks" / "project-self-evaluation.docx")
    for name, module in (("provincial", provincial), ("project", project), ("prefecture", prefecture),
                         ("district", district), ("evaluation", evaluation)):
        kit.save(module.build(), OUT / f"{name}.docx")
    print("templates rebuilt in", OUT)


if __name__ == "__main__":
    main()
