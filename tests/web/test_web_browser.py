"""The page in a real browser (Debian's chromium through chromium-driver and selenium), against
`genreport serve` itself running on 127.0.0.1: the 002 sample's error cells, the 003 sample's report
downloaded and opened, a two-unit collection walked to its zip.

Each page is saved as a screenshot in tests/output/web/; with --update-golden they also replace the
README's docs/images/web-*.png (look at them before committing). Without chromium the tests are
skipped, except under CI (the CI variable is set), where a skip would hide a broken setup: there they fail.
"""
from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES
from docx import Document
from openpyxl import load_workbook

OUTPUT = ROOT / "tests" / "output" / "web"
IMAGES = ROOT / "docs" / "images"
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def need_browser():
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromium-driver", DRIVER)) if not found]
    for module, extra in (("selenium", "test"), ("starlette", "web"), ("uvicorn", "web")):
        try:
            __import__(module)
        except ImportError:
            missing.append(f"{module} (pip install -e '.[{extra}]')")
    if missing:
        message = f"browser tests need {', '.join(missing)}: run .ci/setup"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`genreport serve` on a free port of 127.0.0.1, over a fresh data folder; its base URL."""
    need_browser()
    port, data = free_port(), tmp_path_factory.mktemp("web-data")
    log = open(tmp_path_factory.mktemp("web-log") / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port), "--data", str(data)],
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                log.seek(0)
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"genreport serve did not start: {log.read()}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


@pytest.fixture(scope="module")
def browser(server, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,900",
                "--lang=zh-CN", "--disable-gpu"):
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(120)
    driver.downloads = downloads
    yield driver
    driver.quit()


def screenshot(driver, name: str) -> None:
    """The whole page, made small (a 64-colour palette, half size), for the README."""
    from PIL import Image
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1200, min(max(height, 600), 1800))
    image = Image.open(io.BytesIO(driver.get_screenshot_as_png())).convert("RGB")
    driver.set_window_size(1200, 900)
    image = image.resize((image.width * 2 // 3, image.height * 2 // 3), Image.LANCZOS).quantize(64)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    image.save(OUTPUT / f"web-{name}.png", optimize=True)
    if driver.update_golden:
        IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(OUTPUT / f"web-{name}.png", IMAGES / f"web-{name}.png")


@pytest.fixture(autouse=True)
def golden_flag(browser, update_golden):
    browser.update_golden = update_golden


def downloaded(driver, suffix: str, before: set[Path], timeout: float = 60) -> Path:
    """The file a click started downloading, once it is complete."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        new = [p for p in driver.downloads.iterdir() if p not in before and p.suffix == suffix]
        if new:
            return new[0]
        time.sleep(0.2)
    pytest.fail(f"no {suffix} was downloaded")


def click_and_wait(driver, element_id: str) -> None:
    """Click a submit button and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait
    old = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.ID, element_id).click()
    WebDriverWait(driver, 120).until(expected_conditions.staleness_of(old))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def upload(driver, path: Path, button="submit"):
    from selenium.webdriver.common.by import By
    driver.find_element(By.ID, "file").send_keys(str(path))
    click_and_wait(driver, button)


def problem_cells(driver) -> set[tuple[str, str]]:
    from selenium.webdriver.common.by import By
    rows = driver.find_elements(By.CSS_SELECTOR, "#problems tbody tr.error")
    return {tuple(td.text for td in row.find_elements(By.TAG_NAME, "td")[:2]) for row in rows}


def test_erroneous_sample_shows_its_error_cells(browser, server):
    browser.get(server + "/")
    screenshot(browser, "upload")
    upload(browser, SAMPLES / "002-xiangxi-2019.xlsx")
    assert "/r/" in browser.current_url
    assert problem_cells(browser) == {("支出明细", c) for c in ("D2", "D3", "D89", "D92", "D93")}
    screenshot(browser, "errors")


def test_clean_sample_gives_a_report_that_opens(browser, server):
    from selenium.webdriver.common.by import By
    from generator.pdf.office import find_soffice
    browser.get(server + "/")
    if find_soffice():
        browser.find_element(By.ID, "pdf").click()  # the previews belong in the README's picture
    upload(browser, SAMPLES / "003-heshan-2024.xlsx")
    assert "报告已生成" in browser.find_element(By.ID, "summary").text
    assert browser.find_elements(By.CSS_SELECTOR, "table.scores tbody tr")
    screenshot(browser, "report")
    before = set(browser.downloads.iterdir())
    browser.find_element(By.ID, "download-docx").click()
    docx = downloaded(browser, ".docx", before)
    assert "赫山区商务局" in "\n".join(p.text for p in Document(docx).paragraphs)


def test_two_unit_collection_walks_to_its_zip(browser, server):
    from selenium.webdriver.common.by import By
    browser.get(server + "/c")
    browser.find_element(By.ID, "name").send_keys("2024年度部门整体支出绩效自评")
    browser.find_element(By.ID, "year").send_keys("2024")
    browser.find_element(By.ID, "units").send_keys("赫山区商务局\n湘西州商务局")
    screenshot(browser, "new-collection")
    click_and_wait(browser, "create")
    collection = browser.current_url
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#units code a")]
    assert len(links) == 2
    for link, sample in zip(links, ("003-heshan-2024.xlsx", "002-xiangxi-2019.xlsx")):
        browser.get(link)
        upload(browser, SAMPLES / sample)
    assert browser.find_element(By.ID, "status").text == "有错误"
    screenshot(browser, "unit")
    browser.get(collection)
    statuses = [td.text for td in browser.find_elements(By.CSS_SELECTOR, "#units td.status")]
    assert statuses == ["已生成", "有错误"]
    screenshot(browser, "collection")
    before = set(browser.downloads.iterdir())
    browser.find_element(By.ID, "download-zip").click()
    archive = downloaded(browser, ".zip", before)
    with zipfile.ZipFile(archive) as z:
        names = z.namelist()
        assert "汇总.xlsx" in names and sum(n.endswith(".docx") for n in names) == 1
        summary = load_workbook(io.BytesIO(z.read("汇总.xlsx")))["汇总"]
    assert [(r[1].value, r[3].value) for r in summary.iter_rows(min_row=2)] == [("赫山区商务局", "成功"),
                                                                             ("湘西州商务局", "失败")]
